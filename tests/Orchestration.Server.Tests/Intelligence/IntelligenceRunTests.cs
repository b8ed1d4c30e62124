using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Intelligence;

/// <summary>
/// Issue 7's "done when", offline through the real host and its SSE stream: tool calls, a gaps_found retry, a task
/// that needs review approved by the user, a checkpoint resolved by skip, and knowledge from early tasks in the
/// prompts of later ones.
/// </summary>
public sealed class IntelligenceRunTests : IAsyncLifetime
{
    private const string Requirements = """
        [R1] Write hello_world.py that prints a greeting and today's date in ISO format.

        [R2] Write RUN.md with exact steps to run it. [sim:gaps]

        [R3] Choose the colour scheme of the greeting. [sim:human]

        [R4] Deploy it to the staging host. [sim:fail]
        """;

    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await OrchestrationApp.StartAsync(
        """
        { "execution": { "auto_retries": 1, "retry_backoff_base_sec": 0.01, "retry_backoff_max_sec": 0.05 },
          "anthropic": { "max_retries": 0 } }
        """);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Seen(string Type, string? TaskId, JsonElement Data);

    [Fact]
    public async Task A_run_shows_tool_calls_a_gaps_retry_an_approved_review_a_skipped_checkpoint_and_knowledge_carried_forward()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var project = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var plan = await PlanningApp.PlannedAsync(client, project);
        await (await PlanningApp.ApproveAsync(client, project, plan.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        var tasks = (await (await client.GetAsync($"/api/tasks/project/{project}")).ReadJsonAsync()).EnumerateArray().ToList();
        string TaskFor(string requirement) => tasks.Single(t => t.GetProperty("requirement_ids").EnumerateArray().Select(r => r.GetString()).SequenceEqual([requirement]))
            .GetProperty("id").GetString()!;
        var (hello, run, colours, deploy) = (TaskFor("R1"), TaskFor("R2"), TaskFor("R3"), TaskFor("R4"));
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await using var stream = await RawEventStream.OpenAsync(_app.CreateClient(), $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        List<Seen> Seen() => stream.Events().Select(e => JsonDocument.Parse(e.Data).RootElement)
            .Select(d => new Seen(d.GetProperty("type").GetString()!, d.TryGetProperty("task_id", out var t) ? t.GetString() : null, d)).ToList();

        await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();

        // The colour scheme needs a person: approve it.
        await stream.ReadUntilAsync(_ => Seen().Any(e => e.Type == "task_needs_review" && e.TaskId == colours));
        var approved = await (await client.PostJsonAsync($"/api/tasks/{colours}/review", new { action = "approve" })).ReadJsonAsync();
        Assert.Equal("completed", approved.GetProperty("status").GetString());

        // The deployment keeps failing: its checkpoint is resolved by skipping it.
        await stream.ReadUntilAsync(_ => Seen().Any(e => e.Type == "checkpoint" && e.TaskId == deploy));
        var open = (await (await client.GetAsync($"/api/checkpoints/project/{project}")).ReadJsonAsync()).EnumerateArray().Single();
        Assert.Equal((deploy, "retry_exhausted"), (open.GetProperty("task_id").GetString(), open.GetProperty("checkpoint_type").GetString()));
        var resolved = await (await client.PostJsonAsync($"/api/checkpoints/{open.GetProperty("id").GetString()}/resolve",
            new { action = "skip", gotcha = "The staging host is not reachable from the build machine." })).ReadJsonAsync();
        Assert.Equal("skip", resolved.GetProperty("resolution").GetString());

        await stream.ReadUntilAsync("event: project_complete");
        var events = Seen();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), RawEventStream.Ids(stream.Events()));

        var toolCalls = events.Where(e => e.Type == "tool_call").ToList();
        Assert.Contains(toolCalls, e => e.TaskId == hello && e.Data.GetProperty("tool").GetString() == "write_file");
        Assert.All(toolCalls, e => Assert.False(string.IsNullOrEmpty(e.Data.GetProperty("arguments").GetString())));
        var retry = Assert.Single(events, e => e.Type == "task_verification_retry");
        Assert.Equal(run, retry.TaskId);
        Assert.False(string.IsNullOrEmpty(retry.Data.GetProperty("verification_notes").GetString()));
        Assert.True(events.FindIndex(e => e.Type == "task_complete" && e.TaskId == colours)
                    > events.FindIndex(e => e.Type == "task_needs_review" && e.TaskId == colours));
        Assert.Contains(events, e => e.Type == "checkpoint_resolved" && e.TaskId == deploy && e.Data.GetProperty("action").GetString() == "skip");

        // Knowledge learned by the first tasks is in the prompts of the ones after them.
        var earliest = events.First(e => e.Type == "knowledge_extracted");
        var learnedFirst = earliest.Data.GetProperty("knowledge_ids").EnumerateArray().Select(i => i.GetString()).ToList();
        var later = events.Skip(events.IndexOf(earliest)).Where(e => e.Type == "task_context").ToList();
        Assert.NotEmpty(later);
        Assert.Contains(later, c => learnedFirst.All(id => c.Data.GetProperty("knowledge_ids").EnumerateArray().Any(k => k.GetString() == id)));
        Assert.Contains(later, c => c.Data.GetProperty("skipped_dependencies").GetInt32() > 0);

        var final = (await (await client.GetAsync($"/api/tasks/project/{project}")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.All(final, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        Assert.True(final.Single(t => t.GetProperty("id").GetString() == deploy).GetProperty("skipped").GetBoolean());
        var helloTask = await (await client.GetAsync($"/api/tasks/{hello}")).ReadJsonAsync();
        Assert.NotEmpty(helloTask.GetProperty("output_artifacts").EnumerateArray());
        Assert.Equal("passed", helloTask.GetProperty("verification_status").GetString());
        var knowledge = (await (await client.GetAsync($"/api/projects/{project}/knowledge")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Contains(knowledge, k => k.GetProperty("category").GetString() == "gotcha" && k.GetProperty("task_id").GetString() == deploy);
        Assert.All(knowledge, k => Assert.False(string.IsNullOrEmpty(k.GetProperty("source_task_title").GetString())));
        var coverage = await (await client.GetAsync($"/api/projects/{project}/coverage")).ReadJsonAsync();
        var completed = coverage.GetProperty("requirements").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("completed").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["R1"] = true, ["R2"] = true, ["R3"] = true, ["R4"] = false }, completed);
        Assert.Equal("completed", (await (await client.GetAsync($"/api/projects/{project}")).ReadJsonAsync()).GetProperty("status").GetString());
    }
}
