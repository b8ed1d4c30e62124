using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>
/// POST /replan on a running project, over HTTP with the simulated planner: the hold (running attempts finish, nothing
/// new starts), the draft that keeps finished and running tasks, approval that swaps the unfinished part of the graph,
/// and rejection that lets the run go on as it was.
/// </summary>
public sealed class ReplanApiTests : IAsyncLifetime
{
    // L1: review, one task per requirement (each after the review), a summary after them all.
    private const string Requirements = "Write parser.py that reads the CSV input.\n\nWrite exporter.py that writes the JSON output.";
    private const string Changes = "Write README.md that explains how to run both scripts.";

    private readonly GateOnTask _gateway = new();
    private OrchestrationApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync(configureServices: s =>
            s.AddSingleton<IModelGateway>(sp => _gateway.Wrapping(sp.GetRequiredService<ModelGateway>())));

    public async ValueTask DisposeAsync()
    {
        _gateway.Open();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_replan_mid_run_keeps_finished_and_running_work_holds_new_starts_and_its_approval_swaps_the_rest()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await RunUntilExporterIsRunningAsync(client);
        var parser = tasks.Single(t => t.Title.Contains("parser", StringComparison.Ordinal));
        var exporter = tasks.Single(t => t.Title.Contains("exporter", StringComparison.Ordinal));
        var summary = tasks.Single(t => t.Title.StartsWith("Summarise", StringComparison.Ordinal));
        var parserOutput = (await TaskAsync(client, parser.Id)).GetProperty("output_text").GetString();

        var draft = await (await client.PostJsonAsync($"/api/projects/{project}/replan", new { changes = Changes, instructions = "Keep it short." }))
            .ReadJsonAsync();

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(2, draft.GetProperty("version").GetInt64());
        var running = draft.GetProperty("replan_of").GetString()!;
        Assert.Equal(tasks[0].PlanId, running);
        // Kept: the review and the parser (completed) and the exporter (still running), in their order.
        Assert.Equal([tasks[0].Id, parser.Id, exporter.Id], Strings(draft.GetProperty("kept_task_ids")));
        Assert.Contains(draft.GetProperty("requirements").EnumerateArray(), r => r.GetProperty("text").GetString() == Changes);
        var planned = Titles(draft.GetProperty("plan"));
        Assert.Equal(tasks.Take(3).Select(t => t.Title), planned.Take(3));
        Assert.Contains(planned.Skip(3), t => t.Contains("README", StringComparison.Ordinal));
        Assert.Single(planned, t => t.StartsWith("Summarise", StringComparison.Ordinal));
        // The forecast is of the new work only, and the diff is against the running plan.
        Assert.Equal(planned.Count - 3, draft.GetProperty("forecast").GetProperty("tasks").GetArrayLength());
        var diff = draft.GetProperty("diff");
        Assert.Equal(1, diff.GetProperty("from").GetProperty("version").GetInt64());
        Assert.Equal(2, diff.GetProperty("to").GetProperty("version").GetInt64());
        Assert.Contains(diff.GetProperty("tasks").GetProperty("added").EnumerateArray(),
            t => t.GetProperty("title").GetString()!.Contains("README", StringComparison.Ordinal));

        var held = await (await client.GetAsync($"/api/projects/{project}", Ct)).ReadJsonAsync();
        Assert.True(held.GetProperty("replanning").GetBoolean());
        Assert.Equal("executing", held.GetProperty("status").GetString());
        await (await client.PostAsync($"/api/projects/{project}/replan", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict, "already pending");
        await (await PlanningApp.PlanAsync(client, project)).AssertProblemAsync(HttpStatusCode.Conflict);

        // The running attempt finishes while the hold is on; the summary it unblocks does not start.
        _gateway.Open();
        await WaitForEventAsync(client, project, e => Is(e, "task_complete") && TaskOf(e) == exporter.Id);
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        Assert.Contains((await TaskAsync(client, summary.Id)).GetProperty("status").GetString(), (string[])["pending", "queued"]);

        var approved = await (await PlanningApp.ApproveAsync(client, project, draft.GetProperty("id").GetString()!)).ReadJsonAsync();
        Assert.True(approved.GetProperty("swapped").GetBoolean());
        Assert.Equal(planned.Count, approved.GetProperty("tasks_created").GetInt32());
        Assert.Equal([tasks[0].Id, parser.Id, exporter.Id], Strings(approved.GetProperty("task_ids")).Take(3));
        await WaitForEventAsync(client, project, e => Is(e, "project_complete"));

        var events = await HistoryAsync(client, project);
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        var started = types.IndexOf("replan_started");
        var swapped = types.IndexOf("plan_swapped");
        Assert.True(started >= 0 && types.IndexOf("plan_ready") > started && swapped > started, string.Join(",", types));
        Assert.DoesNotContain("task_start", types.Skip(started).Take(swapped - started));
        var swap = events[swapped];
        Assert.Equal((3, planned.Count - 3, 1), (swap.GetProperty("kept").GetInt32(), swap.GetProperty("added").GetInt32(), swap.GetProperty("removed").GetInt32()));
        // Every task of the new plan ran once: the kept ones were never run again.
        var now = await PlanTasksAsync(client, project, draft.GetProperty("id").GetString()!);
        Assert.Equal(planned.Count, now.Count);
        Assert.All(now, t => Assert.Equal("completed", t.Status));
        var starts = events.Where(e => Is(e, "task_start")).GroupBy(TaskOf).ToDictionary(g => g.Key!, g => g.Count());
        Assert.All(now, t => Assert.Equal(1, starts.GetValueOrDefault(t.Id)));
        Assert.False(starts.ContainsKey(summary.Id));
        Assert.Equal(parserOutput, (await TaskAsync(client, parser.Id)).GetProperty("output_text").GetString());
        await (await client.GetAsync($"/api/tasks/{summary.Id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        var plans = await (await client.GetAsync($"/api/projects/{project}/plans", Ct)).ReadJsonAsync();
        Assert.Equal(["superseded", "approved"], plans.EnumerateArray().OrderBy(p => p.GetProperty("version").GetInt64())
            .Select(p => p.GetProperty("status").GetString()));
        var done = await (await client.GetAsync($"/api/projects/{project}", Ct)).ReadJsonAsync();
        Assert.Equal(("completed", false), (done.GetProperty("status").GetString(), done.GetProperty("replanning").GetBoolean()));

        // A clone's plan is a first plan of the whole merged graph, approved like any draft.
        var clone = (await (await client.PostAsync($"/api/projects/{project}/clone", null, Ct)).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var cloned = (await (await client.GetAsync($"/api/projects/{clone}/plans", Ct)).ReadJsonAsync()).EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, cloned.GetProperty("replan_of").ValueKind);
        var approvedClone = await (await PlanningApp.ApproveAsync(client, clone, cloned.GetProperty("id").GetString()!)).ReadJsonAsync();
        Assert.Equal((planned.Count, false), (approvedClone.GetProperty("tasks_created").GetInt32(), approvedClone.GetProperty("swapped").GetBoolean()));
    }

    [Fact]
    public async Task Rejecting_a_replan_lets_the_run_go_on_with_the_plan_it_had()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await RunUntilExporterIsRunningAsync(client);
        var draft = await (await client.PostJsonAsync($"/api/projects/{project}/replan", new { changes = Changes })).ReadJsonAsync();
        var draftId = draft.GetProperty("id").GetString()!;
        // An export taken while the re-plan waits imports as a project that is not held.
        var export = await (await client.GetAsync($"/api/projects/{project}/export", Ct)).Content.ReadAsStringAsync(Ct);
        var imported = await (await client.SendRawAsync(HttpMethod.Post, "/api/projects/import", export)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.False(imported.GetProperty("replanning").GetBoolean());
        await (await PlanningApp.PlanAsync(client, imported.GetProperty("id").GetString()!)).ReadJsonAsync();

        var rejected = await (await client.PostAsync($"/api/projects/{project}/plans/{draftId}/reject", null, Ct)).ReadJsonAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.False((await (await client.GetAsync($"/api/projects/{project}", Ct)).ReadJsonAsync()).GetProperty("replanning").GetBoolean());
        await (await PlanningApp.ApproveAsync(client, project, draftId)).AssertProblemAsync(HttpStatusCode.Conflict, "rejected");
        await (await client.PostAsync($"/api/projects/{project}/plans/{draftId}/reject", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);

        _gateway.Open();
        await WaitForEventAsync(client, project, e => Is(e, "project_complete"));
        var events = await HistoryAsync(client, project);
        Assert.Contains(events, e => Is(e, "replan_rejected") && e.GetProperty("plan_id").GetString() == draftId);
        var ran = await PlanTasksAsync(client, project, tasks[0].PlanId);
        Assert.Equal(tasks.Select(t => t.Id), ran.Select(t => t.Id));
        Assert.All(ran, t => Assert.Equal("completed", t.Status));
    }

    [Fact]
    public async Task Only_a_running_project_can_be_replanned_and_the_texts_are_bounded()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var project = await PlanningApp.CreateProjectAsync(client, "Write a haiku about CSV files.", "L1");
        await (await client.PostAsync($"/api/projects/{project}/replan", null, Ct)).AssertProblemAsync(HttpStatusCode.Conflict, "draft");
        var plan = await PlanningApp.PlannedAsync(client, project);
        await (await PlanningApp.ApproveAsync(client, project, plan.GetProperty("id").GetString()!)).ReadJsonAsync();
        await (await client.PostJsonAsync($"/api/projects/{project}/replan", new { changes = "x" })).AssertProblemAsync(HttpStatusCode.Conflict, "ready");

        var tooLong = await (await client.PostJsonAsync($"/api/projects/{project}/replan", new { changes = new string('a', 20_001) }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("changes", out _));
        await (await client.PostJsonAsync("/api/projects/no-such-project/replan", new { changes = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        var stranger = await _app.CreateClientForNewUserAsync();
        await (await stranger.PostJsonAsync($"/api/projects/{project}/replan", new { changes = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(string Project, IReadOnlyList<TaskRow> Tasks)> RunUntilExporterIsRunningAsync(HttpClient client)
    {
        _gateway.Close();
        var project = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var plan = await PlanningApp.PlannedAsync(client, project);
        var planId = plan.GetProperty("id").GetString()!;
        await (await PlanningApp.ApproveAsync(client, project, planId)).ReadJsonAsync();
        var tasks = await PlanTasksAsync(client, project, planId);
        Assert.Equal(4, tasks.Count);
        var parser = tasks.Single(t => t.Title.Contains("parser", StringComparison.Ordinal));
        _gateway.TaskId = tasks.Single(t => t.Title.Contains("exporter", StringComparison.Ordinal)).Id;
        await (await client.PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();
        await WaitForEventAsync(client, project, e => Is(e, "task_complete") && TaskOf(e) == parser.Id);
        await _gateway.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return (project, tasks);
    }

    private static async Task<IReadOnlyList<TaskRow>> PlanTasksAsync(HttpClient client, string project, string planId)
    {
        var list = await (await client.GetAsync($"/api/tasks/project/{project}?plan_id={planId}", Ct)).ReadJsonAsync();
        return list.EnumerateArray().OrderBy(t => t.GetProperty("task_index").GetInt32()).Select(t => new TaskRow(
            t.GetProperty("id").GetString()!, t.GetProperty("plan_id").GetString()!, t.GetProperty("title").GetString()!,
            t.GetProperty("status").GetString()!)).ToList();
    }

    private static async Task<JsonElement> TaskAsync(HttpClient client, string taskId) =>
        await (await client.GetAsync($"/api/tasks/{taskId}", Ct)).ReadJsonAsync();

    /// <summary>The project's events, oldest first.</summary>
    private static async Task<List<JsonElement>> HistoryAsync(HttpClient client, string project) =>
        (await (await client.GetAsync($"/api/events/{project}/history?limit=5000", Ct)).ReadJsonAsync()).EnumerateArray()
        .OrderBy(e => e.GetProperty("seq").GetInt64()).ToList();

    private static async Task WaitForEventAsync(HttpClient client, string project, Func<JsonElement, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!(await HistoryAsync(client, project)).Any(match))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private static bool Is(JsonElement e, string type) => e.GetProperty("type").GetString() == type;

    private static string? TaskOf(JsonElement e) => e.TryGetProperty("task_id", out var id) ? id.GetString() : null;

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(x => x.GetString()!).ToList();

    private static List<string> Titles(JsonElement plan) =>
        (plan.TryGetProperty("tasks", out var flat) ? flat.EnumerateArray() : plan.GetProperty("phases").EnumerateArray()
            .SelectMany(p => p.GetProperty("tasks").EnumerateArray())).Select(t => t.GetProperty("title").GetString()!).ToList();

    private sealed record TaskRow(string Id, string PlanId, string Title, string Status);

    /// <summary>The real gateway (simulated provider), except that the execution of <see cref="TaskId"/> waits while the
    /// gate is closed.</summary>
    private sealed class GateOnTask : IModelGateway
    {
        private IModelGateway _inner = null!;
        private volatile TaskCompletionSource _gate = Opened();

        public string? TaskId { get; set; }

        public TaskCompletionSource Waiting { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IModelGateway Wrapping(IModelGateway inner)
        {
            _inner = inner;
            return this;
        }

        public void Close()
        {
            Waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Open() => _gate.TrySetResult();

        public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
        {
            if (request.Context.Purpose == CallPurpose.Execution && request.Context.TaskId == TaskId)
            {
                Waiting.TrySetResult();
                await _gate.Task.WaitAsync(cancellationToken);
            }
            return await _inner.CompleteAsync(request, cancellationToken);
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
