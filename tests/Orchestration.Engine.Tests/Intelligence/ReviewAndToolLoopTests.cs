using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Review;
using Orchestration.Engine.Tests.Execution;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>Review actions, skipped verification and the tool loop, with a scripted gateway whose requests are inspected.</summary>
public sealed class ReviewAndToolLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ModelResponse Text(string text) =>
        new(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), "simulated", "claude-haiku-4-5-20251001", 100, 50, 1_000, true);

    [Fact]
    public async Task Review_retry_runs_the_task_again_with_the_reviewers_feedback_within_the_retry_limit()
    {
        await using var harness = await new EngineHarness(c =>
        {
            c.Execution.VerificationEnabled = true;
            c.Execution.MaxTaskRetries = 1;
        }).StartAsync();
        var verdicts = new Queue<string>(["human_needed", "human_needed"]);
        harness.Gateway.Handler = (r, _) => Task.FromResult(r.Context.Purpose == CallPurpose.Verification && verdicts.TryDequeue(out var v)
            ? Text($$"""{"verdict":"{{v}}","notes":"Which licence?"}""")
            : ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync(e => e.Type == "task_needs_review");

        var retried = await harness.Review().ReviewAsync(user, tasks[0], ReviewAction.Retry, "Use the MIT licence.", Ct);
        Assert.True(retried!.Done);
        var retry = await events.WaitForAsync("task_retry");
        await events.WaitForAsync(e => e.Type == "task_needs_review" && e.Seq > retry.Seq);
        Assert.Equal("review", retry.Field("reason"));

        var second = harness.Gateway.Requests.Where(r => r.Context.Purpose == CallPurpose.Execution).ToList()[1];
        Assert.Contains("- The reviewer: Use the MIT licence.", second.Messages[^1].Text, StringComparison.Ordinal);
        var refused = await harness.Review().ReviewAsync(user, tasks[0], ReviewAction.Retry, "Again.", Ct);
        Assert.Contains("max_task_retries = 1", refused!.Refusal, StringComparison.Ordinal);
        var approved = await harness.Review().ReviewAsync(user, tasks[0], ReviewAction.Approve, null, Ct);
        Assert.True(approved!.Done);
        await events.WaitForAsync("project_complete");
        var notWaiting = await harness.Review().ReviewAsync(user, tasks[0], ReviewAction.Approve, null, Ct);
        Assert.Contains("Only a task waiting for review", notWaiting!.Refusal, StringComparison.Ordinal);
        Assert.Null(await harness.Review().ReviewAsync(Ids.New(), tasks[0], ReviewAction.Approve, null, Ct));
    }

    [Fact]
    public async Task Verification_refused_by_the_budget_or_failing_is_recorded_as_skipped_with_the_reason()
    {
        await using var harness = await new EngineHarness(c => c.Execution.VerificationEnabled = true).StartAsync();
        harness.Gateway.Handler = (r, _) => r.Context.Purpose != CallPurpose.Verification
            ? Task.FromResult(ScriptedGateway.Answer(r))
            : ScriptedGateway.TitleOf(r) == "t0"
                ? throw new BudgetExceededException("daily", 5m, "Daily cap reached")
                : throw new HttpRequestException("verifier unreachable");
        var (user, project, tasks) = await harness.SeedAsync([], []);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var budget = await harness.TaskAsync(tasks[0]);
        var error = await harness.TaskAsync(tasks[1]);
        Assert.Equal(("completed", "skipped"), (budget.Status, budget.VerificationStatus));
        Assert.Contains("daily budget", budget.VerificationNotes, StringComparison.Ordinal);
        Assert.Equal(("completed", "skipped"), (error.Status, error.VerificationStatus));
        Assert.Contains("verification call failed", error.VerificationNotes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_loop_stops_at_max_tool_rounds_sends_only_recent_rounds_and_reports_every_call()
    {
        await using var harness = await new EngineHarness(c =>
        {
            c.Execution.MaxToolRounds = 3;
            c.Execution.MaxHistoryRounds = 1;
        }).StartAsync();
        var round = 0;
        harness.Gateway.Handler = (r, _) =>
        {
            var n = Interlocked.Increment(ref round);
            // A model that always wants another tool call: round n writes notes/n.md.
            return Task.FromResult(new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new TextContent($"step {n}"), new FunctionCallContent($"call_{n}", "write_file",
                    new Dictionary<string, object?> { ["path"] = $"notes/{n}.md", ["content"] = $"# {n}" })])),
                "simulated", "claude-haiku-4-5-20251001", 100, 50, 1_000, true));
        };
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["read_file", "write_file", "search_knowledge"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var requests = harness.Gateway.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Equal(["write_file", "read_file"], requests[0].Options.Tools!.Select(t => t.Name));
        Assert.All(requests.Take(3), r => Assert.Equal(ChatToolMode.Auto, r.Options.ToolMode));
        Assert.Equal(ChatToolMode.None, requests[3].Options.ToolMode);
        // Round 4 sees the prompt and only the latest round (one assistant message and one tool result).
        Assert.Equal(2 + 2, requests[3].Messages.Count);
        Assert.Contains("2 earlier tool rounds are left out", requests[3].Messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("not available here (do without them): search_knowledge.", requests[0].Messages[^1].Text, StringComparison.Ordinal);
        var calls = events.Events.Where(e => e.Type == "tool_call").ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("write_file", c.Field("tool")));
        Assert.Equal("path=notes/1.md, content=# 1", calls[0].Field("arguments"));
        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal("step 4", task.OutputText);
        Assert.Contains("\"path\":\"notes/3.md\"", task.OutputArtifactsJson, StringComparison.Ordinal);
        Assert.Equal(4 * 1_000, task.CostNanos);
        Assert.True(File.Exists(Path.Combine(harness.Config.Execution.WorkspaceRoot, project, "notes", "3.md")));
    }

    [Fact]
    public async Task A_tool_error_goes_back_to_the_model_and_the_task_goes_on()
    {
        await using var harness = await new EngineHarness().StartAsync();
        harness.Gateway.Handler = (r, _) => Task.FromResult(r.Messages.Any(m => m.Role == ChatRole.Tool)
            ? Text("finished without the file")
            : new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new FunctionCallContent("call_1", "read_file", new Dictionary<string, object?> { ["path"] = "../../etc/passwd" })])),
                "simulated", "claude-haiku-4-5-20251001", 100, 50, 1_000, true));
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["read_file"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var result = harness.Gateway.Requests[1].Messages.Last().Contents.OfType<FunctionResultContent>().Single();
        Assert.StartsWith("Error: '../../etc/passwd' uses '..'", result.Result!.ToString(), StringComparison.Ordinal);
        var call = events.Events.Single(e => e.Type == "tool_call");
        Assert.Equal("false", call.Field("ok"));
        Assert.Equal("finished without the file", (await harness.TaskAsync(tasks[0])).OutputText);
    }
}
