using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Planning;
using Orchestration.Storage.Tests.Infrastructure;

namespace Orchestration.Storage.Tests.Plans;

public sealed class SqlitePlanStoreTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Each_draft_gets_the_next_version_and_lists_newest_first()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var plan = TestPlans.Parse(TestPlans.Diamond);
        for (var i = 0; i < 3; i++)
        {
            await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), completePlanning: false, Ct);
        }
        var list = (await _db.Plans.ListAsync(owner, project.Id, Ct))!;
        Assert.Equal([3L, 2L, 1L], list.Select(p => p.Version));
        Assert.All(list, p => Assert.Equal("draft", p.Status));
        Assert.Equal(3_000, list[0].CostNanos);
        Assert.Equal(3, (await _db.Plans.GetCurrentAsync(owner, project.Id, Ct))!.Version);
    }

    [Fact]
    public async Task Another_owner_sees_no_plans_and_cannot_create_or_edit_them()
    {
        var owner = await _db.CreateUserAsync();
        var other = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var plan = TestPlans.Parse(TestPlans.Diamond);
        var stored = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;

        Assert.Null(await _db.Plans.ListAsync(other, project.Id, Ct));
        Assert.Null(await _db.Plans.GetAsync(other, project.Id, stored.Id, Ct));
        Assert.Null(await _db.Plans.GetCurrentAsync(other, project.Id, Ct));
        Assert.Null(await _db.Plans.CreateDraftAsync(other, TestPlans.New(project.Id, plan), false, Ct));
        Assert.Null(await _db.Plans.UpdateDraftAsync(other, project.Id, stored.Id, "{}", "{}", Ct));
        Assert.Null(await _db.Plans.ApproveAsync(TestPlans.Approval(other, stored), Ct));
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM plans"));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM tasks"));
    }

    [Fact]
    public async Task Completing_planning_moves_the_project_back_to_draft_in_the_same_transaction()
    {
        var owner = await _db.CreateUserAsync();
        var planning = await _db.CreateProjectAsync(owner, status: ProjectStatus.Planning);
        await _db.Plans.CreateDraftAsync(owner, TestPlans.New(planning.Id, TestPlans.Parse(TestPlans.Diamond)), completePlanning: true, Ct);
        Assert.Equal("draft", (await _db.Projects.GetAsync(owner, planning.Id, Ct))!.Status);

        // A project that is no longer planning (cancelled meanwhile) gets no plan at all.
        var cancelled = await _db.CreateProjectAsync(owner, status: ProjectStatus.Cancelled);
        await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            _db.Plans.CreateDraftAsync(owner, TestPlans.New(cancelled.Id, TestPlans.Parse(TestPlans.Diamond)), completePlanning: true, Ct));
        Assert.Empty((await _db.Plans.ListAsync(owner, cancelled.Id, Ct))!);
    }

    [Fact]
    public async Task Only_a_draft_can_be_edited()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var stored = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, TestPlans.Parse(TestPlans.Diamond)), false, Ct))!;
        var edited = await _db.Plans.UpdateDraftAsync(owner, project.Id, stored.Id, stored.PlanJson.Replace("diamond", "edited", StringComparison.Ordinal), """{"total_usd_low":1}""", Ct);
        Assert.Contains("edited", edited!.PlanJson, StringComparison.Ordinal);
        Assert.Equal("""{"total_usd_low":1}""", edited.ForecastJson);

        await _db.Plans.ApproveAsync(TestPlans.Approval(owner, edited), Ct);
        var ex = await Assert.ThrowsAsync<PlanConflictException>(() => _db.Plans.UpdateDraftAsync(owner, project.Id, stored.Id, "{}", "{}", Ct));
        Assert.Contains("approved", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_writes_the_task_graph_and_makes_the_project_ready()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var plan = TestPlans.Parse(TestPlans.Diamond);
        var older = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        var stored = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;

        var result = (await _db.Plans.ApproveAsync(TestPlans.Approval(owner, stored), Ct))!;
        Assert.Equal(4, result.TaskIds.Count);
        Assert.Equal(3, result.TotalWaves);
        Assert.Equal("ready", (await _db.Projects.GetAsync(owner, project.Id, Ct))!.Status);
        var plans = (await _db.Plans.ListAsync(owner, project.Id, Ct))!;
        Assert.Equal(["approved", "superseded"], plans.Select(p => p.Status));
        Assert.NotNull(plans[0].ApprovedAt);
        Assert.Equal(older.Id, plans[1].Id);

        var tasks = (await _db.Tasks.ListAsync(owner, project.Id, new(), Ct))!.Items.ToDictionary(t => t.Task.Title);
        Assert.Equal(result.TaskIds, tasks.Values.OrderBy(t => t.Task.TaskIndex).Select(t => t.Task.Id));
        var join = tasks["Join"];
        Assert.Equal([tasks["Left"].Task.Id, tasks["Right"].Task.Id], join.DependsOn);
        Assert.Equal(2, join.Task.Wave);
        Assert.Equal("End", join.Task.Phase);
        Assert.Equal("""["R2","R3"]""", join.Task.RequirementIdsJson);
        Assert.Equal("""["read_file","write_file"]""", join.Task.ToolsJson);
        Assert.Equal("pending", join.Task.Status);
        Assert.Equal("simple", join.Task.Complexity);
        Assert.Equal("opus", tasks["Right"].Task.ModelTier);
        Assert.Equal(700, tasks["Right"].Task.Priority);
        Assert.Equal("""["write_file"]""", tasks["Left"].Task.ToolsJson);
        Assert.Equal(stored.Id, join.Task.PlanId);
    }

    [Fact]
    public async Task A_new_approval_replaces_unexecuted_tasks_and_keeps_the_ones_that_ran()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var plan = TestPlans.Parse(TestPlans.Diamond);
        var first = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        var firstTasks = (await _db.Plans.ApproveAsync(TestPlans.Approval(owner, first), Ct))!.TaskIds;
        await _db.ExecuteAsync("UPDATE tasks SET status = 'completed' WHERE id = @id", new { id = firstTasks[0] });
        await _db.ExecuteAsync("UPDATE tasks SET status = 'failed' WHERE id = @id", new { id = firstTasks[1] });
        await _db.ExecuteAsync("UPDATE tasks SET status = 'queued' WHERE id = @id", new { id = firstTasks[2] });

        var second = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        var result = (await _db.Plans.ApproveAsync(TestPlans.Approval(owner, second), Ct))!;
        Assert.Equal(2, result.ReplacedTasks);
        var remaining = (await _db.Tasks.ListAsync(owner, project.Id, new(), Ct))!.Items;
        Assert.Equal(6, remaining.Count);
        Assert.Equal(new[] { firstTasks[0], firstTasks[1] }.Order(), remaining.Where(t => t.Task.PlanId == first.Id).Select(t => t.Task.Id).Order());
        Assert.Equal(["superseded", "approved"], new[] { first.Id, second.Id }.Select(id => _db.Plans.GetAsync(owner, project.Id, id, Ct).Result!.Status));
    }

    [Fact]
    public async Task An_approved_or_superseded_plan_cannot_be_approved_again()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var plan = TestPlans.Parse(TestPlans.Diamond);
        var a = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        var b = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        await _db.Plans.ApproveAsync(TestPlans.Approval(owner, a), Ct);

        await Assert.ThrowsAsync<PlanConflictException>(() => _db.Plans.ApproveAsync(TestPlans.Approval(owner, a), Ct));
        var ex = await Assert.ThrowsAsync<PlanConflictException>(() => _db.Plans.ApproveAsync(TestPlans.Approval(owner, b), Ct));
        Assert.Contains("superseded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM tasks"));
    }

    [Fact]
    public async Task Approval_while_executing_is_refused_and_writes_nothing()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var plan = TestPlans.Parse(TestPlans.Diamond);
        var first = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        await _db.Plans.ApproveAsync(TestPlans.Approval(owner, first), Ct);
        var second = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan), false, Ct))!;
        await _db.Projects.TransitionAsync(project.Id, ProjectStatus.Executing, null, 30, Ct);

        await Assert.ThrowsAsync<IllegalTransitionException>(() => _db.Plans.ApproveAsync(TestPlans.Approval(owner, second), Ct));
        Assert.Equal(4, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM tasks"));
        Assert.Equal("draft", (await _db.Plans.GetAsync(owner, project.Id, second.Id, Ct))!.Status);
        Assert.Equal("approved", (await _db.Plans.GetAsync(owner, project.Id, first.Id, Ct))!.Status);
    }

    [Fact]
    public async Task An_approval_computed_from_a_stale_draft_is_refused()
    {
        var owner = await _db.CreateUserAsync();
        var project = await _db.CreateProjectAsync(owner);
        var stored = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, TestPlans.Parse(TestPlans.Diamond)), false, Ct))!;
        var approval = TestPlans.Approval(owner, stored);
        await _db.Plans.UpdateDraftAsync(owner, project.Id, stored.Id, stored.PlanJson.Replace("diamond", "changed", StringComparison.Ordinal), "{}", Ct);

        await Assert.ThrowsAsync<PlanConflictException>(() => _db.Plans.ApproveAsync(approval, Ct));
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM tasks"));
    }
}
