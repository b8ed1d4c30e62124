using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Tasks;

public sealed class TaskQueriesApiTests(PlanningApp fixture) : IClassFixture<PlanningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string ProjectId, List<string> TaskIds)> ApprovedAsync()
    {
        var client = (await fixture.App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, "Parse a CSV file.\n\nValidate its header.\n\nWrite JSON out.", "L2");
        var planId = (await PlanningApp.PlannedAsync(client, projectId)).GetProperty("id").GetString()!;
        var approval = await (await PlanningApp.ApproveAsync(client, projectId, planId)).ReadJsonAsync();
        return (client, projectId, approval.GetProperty("task_ids").EnumerateArray().Select(t => t.GetString()!).ToList());
    }

    private async Task SetAsync(string taskId, string column, object? value)
    {
        await using var c = await fixture.App.OpenDatabaseAsync(Ct);
        await c.ExecuteAsync($"UPDATE tasks SET {column} = @value WHERE id = @taskId", new { value, taskId });
    }

    [Fact]
    public async Task A_task_has_every_documented_field_with_wire_types()
    {
        var (client, _, ids) = await ApprovedAsync();
        var task = await (await client.GetAsync($"/api/tasks/{ids[1]}", Ct)).ReadJsonAsync();

        foreach (var field in new[] { "id", "project_id", "plan_id", "title", "status", "task_type", "model_tier", "phase", "description" })
        {
            Assert.Equal(JsonValueKind.String, task.GetProperty(field).ValueKind);
        }
        foreach (var field in new[] { "cost_usd", "wave", "priority", "prompt_tokens", "completion_tokens", "retry_count", "created_at", "updated_at" })
        {
            Assert.Equal(JsonValueKind.Number, task.GetProperty(field).ValueKind);
        }
        foreach (var field in new[] { "depends_on", "requirement_ids", "tools", "output_artifacts", "affected_files" })
        {
            Assert.Equal(JsonValueKind.Array, task.GetProperty(field).ValueKind);
        }
        foreach (var field in new[] { "model_used", "verification_status", "verification_notes", "error", "output_text", "started_at", "completed_at" })
        {
            Assert.Equal(JsonValueKind.Null, task.GetProperty(field).ValueKind);
        }
        Assert.Equal([ids[0]], task.GetProperty("depends_on").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(1, task.GetProperty("wave").GetInt32());
    }

    [Fact]
    public async Task Lists_filter_sort_and_page_with_a_total()
    {
        var (client, projectId, ids) = await ApprovedAsync();
        await SetAsync(ids[0], "status", "completed");
        await SetAsync(ids[0], "output_text", "the output");
        await SetAsync(ids[2], "priority", 900);

        async Task<(JsonElement Items, string Total)> ListAsync(string query)
        {
            var response = await client.GetAsync($"/api/tasks/project/{projectId}{query}", Ct);
            return (await response.ReadJsonAsync(), response.Headers.GetValues("X-Total-Count").Single());
        }

        var (completed, total) = await ListAsync("?status=completed");
        Assert.Equal("1", total);
        Assert.Equal("the output", completed[0].GetProperty("output_text").GetString());
        var (light, _) = await ListAsync("?status=completed&exclude_output=true");
        Assert.Equal(JsonValueKind.Null, light[0].GetProperty("output_text").ValueKind);
        Assert.Equal(ids[2], (await ListAsync("?sort=priority")).Items[0].GetProperty("id").GetString());
        var (wave0, _) = await ListAsync("?wave=0");
        Assert.All(wave0.EnumerateArray(), t => Assert.Equal(0, t.GetProperty("wave").GetInt32()));
        var (build, _) = await ListAsync("?phase=Build");
        Assert.All(build.EnumerateArray(), t => Assert.Equal("Build", t.GetProperty("phase").GetString()));
        var (page, pageTotal) = await ListAsync("?offset=1&limit=2&sort=wave&sort_dir=desc");
        Assert.Equal(2, page.GetArrayLength());
        Assert.Equal(ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), pageTotal);
        var (search, _) = await ListAsync("?search=summar");
        Assert.Contains("Summarise", search[0].GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?status=sleeping", "status")]
    [InlineData("?model_tier=gpt", "model_tier")]
    [InlineData("?sort=title", "sort")]
    [InlineData("?sort_dir=up", "sort_dir")]
    [InlineData("?exclude_output=maybe", "exclude_output")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?offset=-1", "offset")]
    public async Task Bad_list_parameters_are_validation_problems(string query, string field)
    {
        var (client, projectId, _) = await ApprovedAsync();
        var problem = await (await client.GetAsync($"/api/tasks/project/{projectId}{query}", Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_patch_changes_the_given_fields()
    {
        var (client, _, ids) = await ApprovedAsync();
        var patched = await (await client.PatchJsonAsync($"/api/tasks/{ids[0]}",
            new { title = "Review carefully", description = "New description", model_tier = "sonnet", priority = 1000, max_tokens = 16384 })).ReadJsonAsync();
        Assert.Equal("Review carefully", patched.GetProperty("title").GetString());
        Assert.Equal("New description", patched.GetProperty("description").GetString());
        Assert.Equal("sonnet", patched.GetProperty("model_tier").GetString());
        Assert.Equal(1000, patched.GetProperty("priority").GetInt32());
        Assert.Equal(16384, patched.GetProperty("max_tokens").GetInt32());
        var unchanged = await (await client.PatchJsonAsync($"/api/tasks/{ids[0]}", new { })).ReadJsonAsync();
        Assert.Equal("Review carefully", unchanged.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{"priority": 1001}""", "priority")]
    [InlineData("""{"priority": -1}""", "priority")]
    [InlineData("""{"max_tokens": 0}""", "max_tokens")]
    [InlineData("""{"max_tokens": 16385}""", "max_tokens")]
    [InlineData("""{"model_tier": "gpt-4"}""", "model_tier")]
    [InlineData("""{"title": ""}""", "title")]
    public async Task Bad_patches_are_validation_problems_and_change_nothing(string body, string field)
    {
        var (client, _, ids) = await ApprovedAsync();
        var before = (await (await client.GetAsync($"/api/tasks/{ids[0]}", Ct)).ReadJsonAsync()).GetRawText();
        var problem = await (await client.SendRawAsync(HttpMethod.Patch, $"/api/tasks/{ids[0]}", body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, (await (await client.GetAsync($"/api/tasks/{ids[0]}", Ct)).ReadJsonAsync()).GetRawText());
    }

    [Theory]
    [InlineData("running")]
    [InlineData("completed")]
    public async Task A_running_or_completed_task_cannot_be_patched(string status)
    {
        var (client, _, ids) = await ApprovedAsync();
        await SetAsync(ids[0], "status", status);
        await (await client.PatchJsonAsync($"/api/tasks/{ids[0]}", new { priority = 5 })).AssertProblemAsync(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Unknown_tasks_and_projects_are_404_and_a_malformed_body_is_400()
    {
        var (client, _, ids) = await ApprovedAsync();
        await (await client.GetAsync("/api/tasks/nope", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PatchJsonAsync("/api/tasks/nope", new { priority = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/tasks/project/nope", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.SendRawAsync(HttpMethod.Patch, $"/api/tasks/{ids[0]}", """{"priority": "high"}""")).AssertProblemAsync(HttpStatusCode.BadRequest, "priority");
    }

    [Fact]
    public async Task An_unknown_task_type_is_stored_and_read_back()
    {
        var (client, projectId, ids) = await ApprovedAsync();
        await SetAsync(ids[0], "task_type", "video_editing");
        var task = await (await client.GetAsync($"/api/tasks/{ids[0]}", Ct)).ReadJsonAsync();
        Assert.Equal("video_editing", task.GetProperty("task_type").GetString());
        Assert.Equal(ids.Count, (await (await client.GetAsync($"/api/tasks/project/{projectId}", Ct)).ReadJsonAsync()).GetArrayLength());
    }
}
