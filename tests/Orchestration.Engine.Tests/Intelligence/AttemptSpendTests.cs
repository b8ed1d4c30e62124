using Microsoft.Extensions.AI;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Execution;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>What an attempt spent counts on its task however the attempt ends.</summary>
public sealed class AttemptSpendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_provider_error_in_tool_round_two_still_adds_round_ones_spend_to_the_failed_task()
    {
        await using var harness = await new EngineHarness(c => c.Execution.AutoRetries = 0).StartAsync();
        var round = 0;
        harness.Gateway.Handler = (r, _) => Interlocked.Increment(ref round) == 1
            ? Task.FromResult(new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new FunctionCallContent("call_1", "write_file", new Dictionary<string, object?> { ["path"] = "a.md", ["content"] = "# A" })])),
                "simulated", "claude-haiku-4-5-20251001", 300, 40, 2_500, true))
            : throw new ModelProviderException("anthropic", "invalid_request_error: the prompt is too long", isTransient: false);
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["write_file"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_failed");

        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("failed", 300L, 40L, 2_500L), (task.Status, task.PromptTokens, task.CompletionTokens, task.CostNanos));
    }

    [Fact]
    public async Task A_completed_task_counts_every_round_once()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var round = 0;
        harness.Gateway.Handler = (r, _) => Task.FromResult(Interlocked.Increment(ref round) == 1
            ? new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new FunctionCallContent("call_1", "write_file", new Dictionary<string, object?> { ["path"] = "a.md", ["content"] = "# A" })])),
                "simulated", "claude-haiku-4-5-20251001", 300, 40, 2_500, true)
            : ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["write_file"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal((400L, 90L, 3_500L), (task.PromptTokens, task.CompletionTokens, task.CostNanos));
    }
}
