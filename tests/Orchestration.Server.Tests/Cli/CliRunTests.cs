using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch run` and `orch watch` end on every terminal state and when the run waits for a person, with the exit code.</summary>
[Collection(nameof(CliTests))]
public sealed class CliRunTests(CliRunFixture run)
{
    [Fact]
    public async Task Run_follows_to_completion_and_exits_0()
    {
        var projectId = await ApprovedProjectAsync("[R1] Write hello_world.py that prints a greeting.");

        var result = (await run.RunAsync("run", projectId)).Succeeded();

        Assert.Matches(@"\ncompleted: (\d+)/\1 tasks done, spent \$\d+\.\d{4} \[simulated\]\n$", result.Output);
    }

    [Fact]
    public async Task Run_on_a_project_already_executing_attaches_and_exits_3_with_the_commands_that_answer_it()
    {
        var result = await run.RunAsync("run", run.ProjectId);

        Assert.True(result.Exit == 3, $"exit {result.Exit}: {result.Error}");
        Assert.Contains("status: executing (already running; following it)", result.Output, StringComparison.Ordinal);
        Assert.Contains("waiting for a person: ", result.Output, StringComparison.Ordinal);
        var audience = run.TaskFor("R5");
        Assert.Contains($"  orch review {audience} approve", result.Output, StringComparison.Ordinal);
        Assert.Contains($"  orch review {audience} retry --feedback", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("409", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_task_waits_at_a_checkpoint_then_failing_it_ends_watch_with_exit_1()
    {
        var projectId = await ApprovedProjectAsync("[R1] Deploy it to the staging host. [sim:fail]");

        var waiting = await run.RunAsync("run", projectId);
        Assert.True(waiting.Exit == 3, $"exit {waiting.Exit}: {waiting.Error}");
        var checkpoint = Assert.Single((await run.GetAsync($"/api/checkpoints/project/{projectId}?resolved=false")).EnumerateArray());
        var checkpointId = checkpoint.GetProperty("id").GetString();
        Assert.Contains($"  orch checkpoint resolve {checkpointId} retry|skip|fail", waiting.Output, StringComparison.Ordinal);

        (await run.RunAsync("checkpoint", "resolve", checkpointId!, "fail")).Succeeded();
        var failed = await run.RunAsync("watch", projectId);

        Assert.Equal(1, failed.Exit);
        Assert.Matches(@"^error: project failed \(.+\): \d+/\d+ tasks done, spent \$\d+\.\d{4} \[simulated\]; see `orch tasks " + projectId + "`\n$", failed.Error);
    }

    [Fact]
    public async Task Watch_of_a_cancelled_run_exits_1_and_of_a_project_not_started_says_how_to_start_it()
    {
        var projectId = await ApprovedProjectAsync("[R1] Choose the colour scheme of the greeting. [sim:human]");
        Assert.Equal(3, (await run.RunAsync("run", projectId)).Exit);
        (await run.RunAsync("cancel", projectId)).Succeeded();

        (await run.RunAsync("watch", projectId)).Failed("project cancelled");

        var draft = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Say hello.", "L1");
        (await run.RunAsync("watch", draft)).Failed($"The project is draft, not running: start it with `orch run {draft}`.");
    }

    [Fact]
    public async Task Plan_budget_and_status_say_that_the_simulated_provider_answered()
    {
        var projectId = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Say hello.", "L1");

        var plan = (await run.RunAsync("plan", projectId)).Succeeded().Output.Split('\n');
        Assert.Matches(@"^plan v1 \(\w+\) by \S+ \[simulated\], cost \$\d+\.\d{4} \[simulated\]$", plan[0]);
        Assert.Contains(plan, l => l.StartsWith("forecast: ", StringComparison.Ordinal) && l.EndsWith(" [simulated]", StringComparison.Ordinal));
        Assert.Contains("note: the simulated model provider answered", plan[^2], StringComparison.Ordinal);

        Assert.Contains("note: the simulated model provider answered", (await run.RunAsync("budget")).Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("note: the simulated model provider answered", (await run.RunAsync("status", run.ProjectId)).Succeeded().Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_keeps_following_while_external_workers_are_awaited_and_an_interrupt_exits_130()
    {
        var projectId = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Say hello.", "L1");
        await (await run.User.Client.PatchJsonAsync($"/api/projects/{projectId}", new { config = new { execution_mode = "external" } })).ReadJsonAsync();
        var planned = await PlanningApp.PlannedAsync(run.User.Client, projectId);
        await (await PlanningApp.ApproveAsync(run.User.Client, projectId, planned.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        await (await run.User.Client.PostAsync($"/api/projects/{projectId}/execute", null, TestContext.Current.CancellationToken)).ReadJsonAsync();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var watching = CliRunner.RunInterruptibleAsync(run.App.BaseAddress, run.Home, interrupt.Token, "watch", projectId, "--plain");
        await run.WaitForEventAsync(projectId, 0, e => e.GetProperty("type").GetString() == "project_waiting");
        Assert.False(watching.IsCompleted, "watch ended while the project waits for workers, not for a person");
        await interrupt.CancelAsync();
        var result = await watching;

        Assert.Equal(130, result.Exit);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> ApprovedProjectAsync(string requirements)
    {
        var projectId = await PlanningApp.CreateProjectAsync(run.User.Client, requirements, "L1");
        var planned = await PlanningApp.PlannedAsync(run.User.Client, projectId);
        await (await PlanningApp.ApproveAsync(run.User.Client, projectId, planned.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        return projectId;
    }
}
