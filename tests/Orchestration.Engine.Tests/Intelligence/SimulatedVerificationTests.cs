using Orchestration.Engine.Review;
using Orchestration.Engine.Tests.Execution;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>Every verdict path end to end, offline: the executor, the real model layer and the simulated provider.</summary>
public sealed class SimulatedVerificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<EngineHarness> StartAsync(Action<Core.Configuration.OrchestrationConfig>? configure = null) =>
        new EngineHarness(c =>
        {
            IntelligenceData.Simulated(c);
            configure?.Invoke(c);
        }, realModels: true).StartAsync();

    [Fact]
    public async Task A_passed_output_completes_and_its_findings_are_in_the_next_tasks_prompt()
    {
        await using var harness = await StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var first = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("completed", "passed"), (first.Status, first.VerificationStatus));
        var learned = events.Events.Single(e => e.Type == "knowledge_extracted" && e.TaskId == tasks[0]).Strings("knowledge_ids");
        Assert.NotEmpty(learned);
        var context = events.Events.Single(e => e.Type == "task_context" && e.TaskId == tasks[1]);
        Assert.All(learned, id => Assert.Contains(id, context.Strings("knowledge_ids")));
        var knowledge = await harness.KnowledgeAsync(user, project);
        Assert.All(knowledge, k => Assert.NotNull(k.SourceTaskTitle));
        Assert.Contains(knowledge, k => k.TaskId == tasks[0] && k.SourceTaskTitle == "t0");
        Assert.Equal(2, await harness.ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE purpose = 'verification'"));
        Assert.Equal(2, await harness.ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE purpose = 'knowledge'"));
    }

    [Theory]
    [InlineData(true, "sonnet")]
    [InlineData(false, "haiku")]
    public async Task Gaps_found_retry_with_the_notes_as_feedback_one_tier_up_when_escalating(bool escalate, string finalTier)
    {
        await using var harness = await StartAsync(c => c.Routing.EscalateOnGaps = escalate);
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], description: "Write RUN.md with the exact steps. [sim:gaps]", tier: "haiku");
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var retry = events.Events.Single(e => e.Type == "task_verification_retry");
        Assert.Contains("add the check", retry.Field("verification_notes"), StringComparison.Ordinal);
        Assert.Equal(finalTier, retry.Field("model_tier"));
        Assert.Equal(escalate ? "haiku" : "null", retry.Field("escalated_from"));
        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("completed", "passed", finalTier, 1L), (task.Status, task.VerificationStatus, task.ModelTier, task.RetryCount));
        Assert.Contains("\"source\":\"verifier\"", task.FeedbackJson, StringComparison.Ordinal);
        var models = await harness.ColumnAsync("SELECT model FROM usage_records WHERE purpose = 'execution' ORDER BY created_at");
        Assert.Equal(escalate ? ["claude-haiku-4-5-20251001", "claude-sonnet-4-6"] : ["claude-haiku-4-5-20251001", "claude-haiku-4-5-20251001"], models);
    }

    [Fact]
    public async Task Gaps_that_outlast_the_retries_wait_for_review_with_a_checkpoint_while_the_rest_runs()
    {
        await using var harness = await StartAsync(c => c.Execution.AutoRetries = 1);
        var (user, project, tasks) = await harness.SeedAsync([], [0], []);
        await harness.SetTaskAsync(tasks[0], description: "Pick the licence. [sim:gaps-always]");
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var waiting = await events.WaitForAsync("project_waiting");

        Assert.Equal(["needs_review", "blocked", "completed"], await harness.StatusesAsync(tasks));
        Assert.Equal("executing", await harness.ProjectStatusAsync(project));
        Assert.Equal("gaps_found", (await harness.TaskAsync(tasks[0])).VerificationStatus);
        Assert.Single(events.Events, e => e.Type == "task_verification_retry");
        Assert.Single(events.Events, e => e.Type == "task_needs_review" && e.TaskId == tasks[0]);
        var checkpoint = Assert.Single(await harness.CheckpointsAsync(user, project));
        Assert.Equal(("verification_exhausted", tasks[0]), (checkpoint.CheckpointType, checkpoint.TaskId));
        Assert.Contains("\"message\"", checkpoint.AttemptsJson, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(checkpoint.AttemptsJson).RootElement.GetArrayLength());
        Assert.Equal(checkpoint.Id, events.Events.Single(e => e.Type == "checkpoint").Field("checkpoint_id"));
        Assert.Contains("t0", waiting.Message, StringComparison.Ordinal);
        Assert.Contains(checkpoint.Id, waiting.Strings("checkpoint_ids"));
        Assert.DoesNotContain(events.Events, e => e.Type is "project_failed" or "project_complete");
    }

    [Fact]
    public async Task Human_needed_waits_for_review_and_approval_forwards_the_output_and_extracts_knowledge()
    {
        await using var harness = await StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        await harness.SetTaskAsync(tasks[0], description: "Choose the colour scheme. [sim:human]");
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var review = await events.WaitForAsync("task_needs_review", tasks[0]);
        await events.WaitForAsync("project_waiting");

        Assert.Contains("judgement call", review.Field("verification_notes"), StringComparison.Ordinal);
        Assert.DoesNotContain(events.Events, e => e.Type is "task_verification_retry" or "checkpoint");
        Assert.Empty(await harness.KnowledgeAsync(user, project));
        var approved = await harness.Review().ReviewAsync(user, tasks[0], ReviewAction.Approve, null, Ct);
        Assert.True(approved!.Done);
        await events.WaitForAsync("project_complete");

        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("completed", "human_needed"), (task.Status, task.VerificationStatus));
        var learned = events.Events.Single(e => e.Type == "knowledge_extracted" && e.TaskId == tasks[0]).Strings("knowledge_ids");
        Assert.All(learned, id => Assert.Contains(id, events.Events.Single(e => e.Type == "task_context" && e.TaskId == tasks[1]).Strings("knowledge_ids")));
        Assert.Equal(["completed", "completed"], await harness.StatusesAsync(tasks));
    }

    [Fact]
    public async Task An_unreadable_verdict_counts_as_human_needed()
    {
        await using var harness = await StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        await harness.SetTaskAsync(tasks[0], description: "Draft the notice. [sim:bad-json]");
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_waiting");

        var task = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("needs_review", "human_needed"), (task.Status, task.VerificationStatus));
        Assert.Contains("could not be read", task.VerificationNotes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_task_opens_a_checkpoint_instead_of_failing_the_project()
    {
        await using var harness = await StartAsync(c =>
        {
            c.Execution.AutoRetries = 1;
            c.Execution.RetryBackoffBaseSec = 0.01;
            c.Execution.RetryBackoffMaxSec = 0.05;
            c.Anthropic.MaxRetries = 0;
        });
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        await harness.SetTaskAsync(tasks[0], description: "Deploy it. [sim:fail]");
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var opened = await events.WaitForAsync("checkpoint", tasks[0]);
        await events.WaitForAsync("project_waiting");

        Assert.Equal(["needs_review", "blocked"], await harness.StatusesAsync(tasks));
        Assert.DoesNotContain(events.Events, e => e.Type is "task_failed" or "project_failed");
        Assert.DoesNotContain("529", opened.Message, StringComparison.Ordinal);
        var checkpoint = Assert.Single(await harness.CheckpointsAsync(user, project));
        Assert.Equal("retry_exhausted", checkpoint.CheckpointType);
        Assert.Contains("overloaded", checkpoint.ErrorsJson, StringComparison.Ordinal);
        Assert.Contains("Retry it", checkpoint.Question, StringComparison.Ordinal);
        Assert.Null(checkpoint.ResolvedAt);
    }
}
