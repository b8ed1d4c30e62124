using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Engine.Tests.Fakes;
using static Orchestration.Engine.Tests.Intelligence.AnthropicScript;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>Verification, knowledge and the tool loop through the official Anthropic SDK against a loopback Messages API.</summary>
public sealed class AnthropicIntelligenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string LongOutput =
        "Implemented the billing export. Dates are written in ISO 8601 because the billing API rejects anything else; " +
        "amounts are integer cents. The exporter lives in src/export.py and is covered by tests/test_export.py, which pass.";

    private static Task<EngineHarness> HarnessAsync(LoopbackServer server, Action<OrchestrationConfig>? configure = null) =>
        new EngineHarness(c =>
        {
            c.Providers.Default = "anthropic";
            c.Anthropic.ApiKey = "sk-ant-test-key";
            c.Anthropic.BaseUrl = server.BaseUrl;
            c.Anthropic.MaxRetries = 0;
            c.Execution.VerificationEnabled = true;
            c.Execution.KnowledgeExtractionEnabled = true;
            c.Execution.CheckpointOnRetryExhausted = true;
            configure?.Invoke(c);
        }, realModels: true).StartAsync();

    private static List<JsonElement> Requests(LoopbackServer server, Kind kind, string title) =>
        server.Requests.Select(r => r.Json).Where(b => KindOf(b) == kind && (kind == Kind.Execution
            ? UserText(b).StartsWith($"## Your task: {title}\n", StringComparison.Ordinal)
            : UserText(b).StartsWith($"Task: {title}\n", StringComparison.Ordinal))).ToList();

    [Fact]
    public async Task Knowledge_extracted_from_task_a_is_in_the_system_prompt_task_b_sends()
    {
        await using var server = await StartAsync((kind, body) => kind switch
        {
            Kind.Verification => Verdict("passed", "Complete."),
            Kind.Knowledge => UserText(body).StartsWith("Task: t0\n", StringComparison.Ordinal)
                ? Findings(("constraint", "The billing API requires ISO 8601 dates."), ("reference", "The exporter lives in src/export.py."))
                : Findings(),
            _ => Text(LongOutput, 900, 120),
        });
        await using var harness = await HarnessAsync(server);
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var a = Assert.Single(Requests(server, Kind.Execution, "t0"));
        var b = Assert.Single(Requests(server, Kind.Execution, "t1"));
        var bSystem = SystemTexts(b);
        Assert.Equal(SystemTexts(a)[0], bSystem[0]);
        Assert.Contains($"- [constraint] The billing API requires ISO 8601 dates. [from task 't0' ({tasks[0]})]", bSystem[^1], StringComparison.Ordinal);
        Assert.Contains($"- [reference] The exporter lives in src/export.py. [from task 't0' ({tasks[0]})]", bSystem[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("ISO 8601 dates.", string.Concat(SystemTexts(a)), StringComparison.Ordinal);
        // The stable prefix and the knowledge each end at a cache breakpoint.
        Assert.All(b.GetProperty("system").EnumerateArray(), block => Assert.Equal("ephemeral", block.GetProperty("cache_control").GetProperty("type").GetString()));
        Assert.Contains(LongOutput, UserText(b), StringComparison.Ordinal);
        Assert.Equal(2, (await harness.KnowledgeAsync(user, project)).Count);
        var knowledgeCall = Assert.Single(Requests(server, Kind.Knowledge, "t0"));
        Assert.Equal("claude-haiku-4-5-20251001", knowledgeCall.GetProperty("model").GetString());
        Assert.Equal(1024, knowledgeCall.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task Each_verdict_on_the_wire_passes_retries_one_tier_up_or_waits_for_review()
    {
        var gapsSent = 0;
        await using var server = await StartAsync((kind, body) => kind switch
        {
            Kind.Verification when UserText(body).StartsWith("Task: t1\n", StringComparison.Ordinal) && Interlocked.Increment(ref gapsSent) == 1
                => Verdict("gaps_found", "Add the missing error handling for empty input."),
            Kind.Verification when UserText(body).StartsWith("Task: t2\n", StringComparison.Ordinal)
                => Verdict("human_needed", "Needs a decision on the licence."),
            Kind.Verification => Verdict("passed", "Complete."),
            Kind.Knowledge => Findings(),
            _ => Text(LongOutput + " " + new string('z', 400), 900, 120),
        });
        await using var harness = await HarnessAsync(server, c => c.Execution.VerificationOutputMaxChars = 300);
        var (user, project, tasks) = await harness.SeedAsync([], [], []);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_waiting");

        Assert.Equal(["completed", "completed", "needs_review"], await harness.StatusesAsync(tasks));
        var t1 = Requests(server, Kind.Execution, "t1");
        Assert.Equal(["claude-haiku-4-5-20251001", "claude-sonnet-4-6"], t1.Select(r => r.GetProperty("model").GetString()));
        Assert.Contains("- The verifier: Add the missing error handling for empty input.", UserText(t1[1]), StringComparison.Ordinal);
        Assert.Equal(("completed", "sonnet", "claude-sonnet-4-6"), ((await harness.TaskAsync(tasks[1])).Status, (await harness.TaskAsync(tasks[1])).ModelTier,
            (await harness.TaskAsync(tasks[1])).ModelUsed));
        var verification = Requests(server, Kind.Verification, "t0").Single();
        Assert.Equal(("claude-haiku-4-5-20251001", 1024), (verification.GetProperty("model").GetString(), verification.GetProperty("max_tokens").GetInt32()));
        Assert.Contains("[output truncated:", UserText(verification), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('z', 400), UserText(verification), StringComparison.Ordinal);
        var waiting = await harness.TaskAsync(tasks[2]);
        Assert.Equal(("human_needed", "Needs a decision on the licence."), (waiting.VerificationStatus, waiting.VerificationNotes));
        Assert.Single(Requests(server, Kind.Execution, "t2"));
    }

    [Fact]
    public async Task A_budget_that_runs_out_in_tool_round_3_ends_the_task_with_its_partial_result_and_no_overspend()
    {
        const decimal Cap = 0.013m;
        await using var server = await StartAsync((kind, body) => body.GetProperty("messages").GetArrayLength() switch
        {
            1 => ToolUse("toolu_01", "write_file", new JsonObject { ["path"] = "notes/a.md", ["content"] = "# Draft" }, 500, 900),
            3 => ToolUse("toolu_02", "read_file", new JsonObject { ["path"] = "notes/a.md" }, 500, 900),
            _ => Text("Round three should never be sent."),
        });
        await using var harness = await HarnessAsync(server, c =>
        {
            c.Budget.PerProjectLimitUsd = Cap;
            c.Execution.VerificationEnabled = false;
        });
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["write_file", "read_file"], maxTokens: 1000);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var stopped = await events.WaitForAsync(e => e.Type == "budget_warning" && e.Field("level") == "exhausted" && e.TaskId == tasks[0]);

        Assert.Equal(2, server.Requests.Count);
        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("completed", true, "skipped"), (task.Status, task.Partial, task.VerificationStatus));
        Assert.Contains("[Partial result: the project budget could not cover tool round 3", task.OutputText, StringComparison.Ordinal);
        Assert.Contains("notes/a.md", task.OutputArtifactsJson, StringComparison.Ordinal);
        Assert.Equal("true", events.Events.Single(e => e.Type == "task_complete").Field("partial"));
        Assert.Equal(2, events.Events.Count(e => e.Type == "tool_call"));
        Assert.Equal("paused", await harness.ProjectStatusAsync(project));
        Assert.Contains("paused", stopped.Message, StringComparison.Ordinal);
        var spent = await harness.ScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id = @project", new { project });
        Assert.Equal(10_000_000, spent);
        Assert.True(spent <= Core.Domain.Money.ToNanos(Cap));
        Assert.Equal(0, await harness.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        Assert.Equal(0, await harness.ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE purpose <> 'execution'"));
    }

    [Fact]
    public async Task After_max_tool_rounds_the_last_call_asks_for_the_answer_with_tool_use_turned_off()
    {
        await using var server = await StartAsync((kind, body) => body.TryGetProperty("tool_choice", out var choice) && choice.GetProperty("type").GetString() == "none"
            ? Text("Here is the answer without more tools.")
            : ToolUse("toolu_" + body.GetProperty("messages").GetArrayLength(), "read_file", new JsonObject { ["path"] = "notes/missing.md" }, 300, 40));
        await using var harness = await HarnessAsync(server, c =>
        {
            c.Execution.VerificationEnabled = false;
            c.Execution.KnowledgeExtractionEnabled = false;
            c.Execution.MaxToolRounds = 2;
        });
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], tools: ["read_file"]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var bodies = server.Requests.Select(r => r.Json).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies, b => Assert.Equal("read_file", b.GetProperty("tools")[0].GetProperty("name").GetString()));
        Assert.Equal("none", bodies[2].GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("Here is the answer without more tools.", (await harness.TaskAsync(tasks[0])).OutputText);
        Assert.Equal(2, events.Events.Count(e => e.Type == "tool_call" && e.Field("ok") == "false"));
    }
}
