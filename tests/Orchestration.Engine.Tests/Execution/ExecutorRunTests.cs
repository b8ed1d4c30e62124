namespace Orchestration.Engine.Tests.Execution;

public sealed class ExecutorRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_graph_runs_to_completion_in_dependency_order_with_each_task_done_once()
    {
        await using var harness = await new EngineHarness().StartAsync();
        // 0 → 1 → 3, 0 → 2 → 3, 4 alone
        var (user, project, tasks) = await harness.SeedAsync([], [0], [0], [1, 2], []);
        using var events = new EventRecorder(harness.Bus, project);

        var started = await harness.Control.ExecuteAsync(user, project, Ct);
        Assert.Equal("executing", started!.Status);
        await events.WaitForAsync("project_complete");

        Assert.All(await harness.StatusesAsync(tasks), s => Assert.Equal("completed", s));
        Assert.Equal("completed", await harness.ProjectStatusAsync(project));
        // NOTE: the in-process bus may deliver two concurrent commits out of order (the SSE stream fills such gaps from
        // the log), so the timeline is checked in commit order.
        var log = events.Events.OrderBy(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Seq));
        Assert.Equal("project_start", log[0].Type);
        Assert.Equal("project_complete", log[^1].Type);
        Assert.All(tasks, t => Assert.Single(log, e => e.Type == "task_complete" && e.TaskId == t));
        int IndexOf(string type, int task) => log.FindIndex(e => e.Type == type && e.TaskId == tasks[task]);
        Assert.True(IndexOf("task_start", 3) > IndexOf("task_complete", 1));
        Assert.True(IndexOf("task_start", 3) > IndexOf("task_complete", 2));
        Assert.Equal(5, harness.Gateway.Calls);
    }

    [Fact]
    public async Task The_prompt_carries_requirements_plan_summary_and_dependency_outputs()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var (user, project, _) = await harness.SeedAsync([], [0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var second = harness.Gateway.Requests.Single(r => ScriptedGateway.TitleOf(r) == "t1");
        var prompt = string.Join("\n", second.Messages.Select(m => m.Text));
        Assert.Contains("Write a greeting program.", prompt, StringComparison.Ordinal);
        Assert.Contains("Greeting plan", prompt, StringComparison.Ordinal);
        Assert.Contains("output of t0", prompt, StringComparison.Ordinal);
        Assert.Equal(Core.Domain.CallPurpose.Execution, second.Context.Purpose);
        Assert.Equal(user, second.Context.UserId);
    }

    [Fact]
    public async Task Running_attempts_never_exceed_the_concurrency_bound()
    {
        await using var harness = await new EngineHarness(c => c.Execution.MaxConcurrentTasks = 2).StartAsync();
        harness.Gateway.Handler = async (r, ct) =>
        {
            await Task.Delay(20, ct);
            return ScriptedGateway.Answer(r);
        };
        var (user, project, _) = await harness.SeedAsync([], [], [], [], [], [], [], []);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        Assert.Equal(2, harness.Gateway.PeakConcurrency);
    }

    [Fact]
    public async Task A_dependant_starts_as_soon_as_its_dependency_completes_while_a_slow_sibling_still_runs()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var slowMayFinish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Gateway.Handler = async (r, ct) =>
        {
            if (ScriptedGateway.TitleOf(r) == "t1")
            {
                await slowMayFinish.Task.WaitAsync(ct);
            }
            return ScriptedGateway.Answer(r);
        };
        // t0 → t2 beside a slow t1 of the same wave.
        var (user, project, tasks) = await harness.SeedAsync([], [], [0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("task_complete", tasks[2]);

        Assert.Equal("running", (await harness.StatusesAsync([tasks[1]]))[0]);
        slowMayFinish.SetResult();
        await events.WaitForAsync("project_complete");
    }

    [Fact]
    public async Task An_empty_or_already_finished_graph_completes_at_once()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var (user, project, _) = await harness.SeedAsync();
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);

        await events.WaitForAsync("project_complete");
        Assert.Equal(0, harness.Gateway.Calls);
    }
}
