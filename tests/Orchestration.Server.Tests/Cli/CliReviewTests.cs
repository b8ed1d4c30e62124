namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch review` and `orch checkpoints` / `orch checkpoint` on the shared waiting run.</summary>
[Collection(nameof(CliTests))]
public sealed class CliReviewTests(CliRunFixture run)
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Review_approve_completes_a_task_that_waits_for_review()
    {
        var colours = run.TaskFor("R2");
        Assert.Contains(colours, (await run.RunAsync("tasks", run.ProjectId, "--status", "needs_review")).Succeeded().Output, StringComparison.Ordinal);

        Assert.Matches(@": completed\s*$", (await run.RunAsync("review", colours, "approve")).Succeeded().Output);
        Assert.Equal("completed", (await run.GetAsync($"/api/tasks/{colours}")).GetProperty("status").GetString());

        (await run.RunAsync("review", colours, "approve")).Failed("409", "Only a task waiting for review can be approved.");
        (await run.RunAsync("review", UnknownId, "retry", "--feedback", "More contrast.")).Failed("404", "The task was not found.");
        var unknownAction = await run.RunAsync("review", colours, "reject");
        Assert.NotEqual(0, unknownAction.Exit);
        Assert.Contains("reject", unknownAction.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_list_show_and_resolve_with_a_gotcha_kept_as_knowledge()
    {
        var open = (await run.RunAsync("checkpoints", run.ProjectId)).Succeeded();
        Assert.Matches(@"^ID\s+TYPE\s+TASK\s+CREATED\s+STATE\s+QUESTION\n", open.Output);
        Assert.Matches($@"^{run.CheckpointId}\s+retry_exhausted\s+.+\s+open\s+\S", Assert.Single(open.Rows));

        var shown = (await run.RunAsync("checkpoint", run.CheckpointId)).Succeeded().Output;
        var checkpoint = await run.GetAsync($"/api/checkpoints/{run.CheckpointId}");
        Assert.StartsWith($"retry_exhausted on '{checkpoint.GetProperty("task_title").GetString()}'  [open]", shown, StringComparison.Ordinal);
        Assert.Contains("question: " + checkpoint.GetProperty("question").GetString(), shown, StringComparison.Ordinal);
        Assert.Equal(checkpoint.GetProperty("attempts").GetArrayLength(), shown.Split('\n').Count(l => l.StartsWith("attempt:", StringComparison.Ordinal)));

        var resolved = (await run.RunAsync("checkpoint", "resolve", run.CheckpointId, "skip", "--gotcha", "The staging host is not reachable from CI.")).Succeeded();
        Assert.Equal($"resolved: skip ({checkpoint.GetProperty("task_title").GetString()})", resolved.Output.Trim());

        Assert.Empty((await run.RunAsync("checkpoints", run.ProjectId)).Succeeded().Rows);
        Assert.Matches($@"^{run.CheckpointId}\s+retry_exhausted\s+.+\s+resolved: skip\s+\S",
            Assert.Single((await run.RunAsync("checkpoints", run.ProjectId, "--all")).Succeeded().Rows));
        Assert.Contains("The staging host is not reachable from CI.",
            (await run.RunAsync("knowledge", run.ProjectId, "--category", "gotcha")).Succeeded().Output, StringComparison.Ordinal);

        (await run.RunAsync("checkpoint", "resolve", run.CheckpointId, "retry")).Failed("409");
        (await run.RunAsync("checkpoint", "resolve", UnknownId, "fail")).Failed("404", "The checkpoint was not found.");
        (await run.RunAsync("checkpoint", UnknownId)).Failed("404", "The checkpoint was not found.");
        (await run.RunAsync("checkpoints", UnknownId)).Failed("404", "The project was not found.");
    }
}
