using Orchestration.Core.Domain;
using Orchestration.Storage.Tasks;
using Orchestration.Storage.Tests.Infrastructure;

namespace Orchestration.Storage.Tests.Tasks;

public sealed class SqliteTaskReadStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private string _owner = "";
    private string _projectId = "";
    private IReadOnlyList<string> _ids = [];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _db.InitializeAsync();
        _owner = await _db.CreateUserAsync();
        _projectId = (await _db.CreateProjectAsync(_owner)).Id;
        var stored = (await _db.Plans.CreateDraftAsync(_owner, TestPlans.New(_projectId, TestPlans.Parse(TestPlans.Diamond)), false, Ct))!;
        _ids = (await _db.Plans.ApproveAsync(TestPlans.Approval(_owner, stored), Ct))!.TaskIds;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async Task<List<string>> TitlesAsync(TaskQuery query) =>
        (await _db.Tasks.ListAsync(_owner, _projectId, query, Ct))!.Items.Select(t => t.Task.Title).ToList();

    [Fact]
    public async Task The_default_order_is_by_wave_then_plan_order()
    {
        Assert.Equal(["Root", "Left", "Right", "Join"], await TitlesAsync(new()));
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_the_total()
    {
        Assert.Equal(["Left", "Right"], await TitlesAsync(new(Wave: 1)));
        Assert.Equal(["Join"], await TitlesAsync(new(Phase: "End")));
        Assert.Equal(["Right"], await TitlesAsync(new(ModelTier: ModelTier.Opus)));
        Assert.Equal(["Right"], await TitlesAsync(new(Search: "FIND")));
        Assert.Empty(await TitlesAsync(new(Search: "%")));
        Assert.Empty(await TitlesAsync(new(Status: TaskItemStatus.Running)));
        await _db.ExecuteAsync("UPDATE tasks SET status = 'running' WHERE id = @id", new { id = _ids[3] });
        var page = (await _db.Tasks.ListAsync(_owner, _projectId, new(Status: TaskItemStatus.Running), Ct))!;
        Assert.Equal(1, page.Total);
        Assert.Equal(_ids[3], page.Items[0].Task.Id);
    }

    [Fact]
    public async Task Sorting_and_paging_follow_the_query()
    {
        Assert.Equal("Right", (await TitlesAsync(new(Sort: TaskSort.Priority)))[0]);
        Assert.Equal("Right", (await TitlesAsync(new(Sort: TaskSort.Priority, Descending: false)))[^1]);
        var byWaveDescending = await TitlesAsync(new(Sort: TaskSort.Wave, Descending: true));
        Assert.Equal(["Join", "Left", "Right", "Root"], byWaveDescending);
        await _db.ExecuteAsync("UPDATE tasks SET status = 'completed' WHERE id = @id", new { id = _ids[0] });
        Assert.Equal("Root", (await TitlesAsync(new(Sort: TaskSort.Status)))[^1]);

        var page = (await _db.Tasks.ListAsync(_owner, _projectId, new(Offset: 1, Limit: 2), Ct))!;
        Assert.Equal(4, page.Total);
        Assert.Equal(["Left", "Right"], page.Items.Select(t => t.Task.Title));
    }

    [Fact]
    public async Task Output_can_be_left_out_of_lists()
    {
        await _db.ExecuteAsync("UPDATE tasks SET output_text = 'a long output' WHERE id = @id", new { id = _ids[0] });
        Assert.Equal("a long output", (await _db.Tasks.ListAsync(_owner, _projectId, new(), Ct))!.Items[0].Task.OutputText);
        Assert.Null((await _db.Tasks.ListAsync(_owner, _projectId, new(ExcludeOutput: true), Ct))!.Items[0].Task.OutputText);
    }

    [Fact]
    public async Task Another_owner_cannot_list_get_or_patch()
    {
        var other = await _db.CreateUserAsync();
        Assert.Null(await _db.Tasks.ListAsync(other, _projectId, new(), Ct));
        Assert.Null(await _db.Tasks.GetAsync(other, _ids[0], Ct));
        Assert.Null(await _db.Tasks.PatchAsync(other, _ids[0], new TaskPatch("stolen", null, null, null, null), 50, Ct));
        Assert.Equal("Root", (await _db.Tasks.GetAsync(_owner, _ids[0], Ct))!.Task.Title);
    }

    [Fact]
    public async Task A_patch_changes_only_the_given_fields()
    {
        var patched = (await _db.Tasks.PatchAsync(_owner, _ids[1], new TaskPatch("Left, renamed", null, ModelTier.Sonnet, 42, 2048), 50, Ct))!;
        Assert.Equal("Left, renamed", patched.Task.Title);
        Assert.Equal("l", patched.Task.Description);
        Assert.Equal("sonnet", patched.Task.ModelTier);
        Assert.Equal(42, patched.Task.Priority);
        Assert.Equal(2048, patched.Task.MaxTokens);
        Assert.Equal(50, patched.Task.UpdatedAt);
        Assert.Equal([_ids[0]], patched.DependsOn);
    }

    [Theory]
    [InlineData("running")]
    [InlineData("completed")]
    public async Task A_running_or_completed_task_cannot_be_patched(string status)
    {
        await _db.ExecuteAsync("UPDATE tasks SET status = @status WHERE id = @id", new { status, id = _ids[0] });
        var ex = await Assert.ThrowsAsync<TaskConflictException>(() =>
            _db.Tasks.PatchAsync(_owner, _ids[0], new TaskPatch("x", null, null, null, null), 50, Ct));
        Assert.Contains(status, ex.Message, StringComparison.Ordinal);
        Assert.Equal("Root", (await _db.Tasks.GetAsync(_owner, _ids[0], Ct))!.Task.Title);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("needs_review")]
    [InlineData("cancelled")]
    public async Task A_task_that_stopped_can_be_patched(string status)
    {
        await _db.ExecuteAsync("UPDATE tasks SET status = @status WHERE id = @id", new { status, id = _ids[0] });
        Assert.Equal("x", (await _db.Tasks.PatchAsync(_owner, _ids[0], new TaskPatch("x", null, null, null, null), 50, Ct))!.Task.Title);
    }
}
