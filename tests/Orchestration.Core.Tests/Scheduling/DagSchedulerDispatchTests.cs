using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;
using static Orchestration.Core.Tests.Scheduling.SchedulerFixture;

namespace Orchestration.Core.Tests.Scheduling;

public sealed class DagSchedulerDispatchTests
{
    [Fact]
    public void Only_tasks_without_open_dependencies_are_dispatched()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1, 0), Task(2), Task(3, 1, 2)]);

        Assert.Equal(["t0", "t2"], Ids(scheduler.Dispatch()).Order());
        Assert.Empty(scheduler.Dispatch());
    }

    [Fact]
    public void A_dependant_is_ready_the_moment_its_last_dependency_completes_without_waiting_for_the_wave()
    {
        // t0 → t1 is a long chain beside a slow t2 of the same wave: t1 must not wait for t2.
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1, 0), Task(2)]);
        scheduler.Dispatch();

        var effects = scheduler.Completed(Project, "t0");

        Assert.Equal(["t1"], effects.NewlyReady);
        Assert.Equal(["t1"], Ids(scheduler.Dispatch()));
        Assert.Equal(TaskItemStatus.Running, scheduler.StatusOf(Project, "t2"));
    }

    [Fact]
    public void The_longest_remaining_critical_path_goes_first_then_priority()
    {
        // t0 heads a chain of three; t1 and t2 stand alone, t2 with a higher priority.
        var scheduler = Scheduler(1);
        scheduler.Activate(Project,
        [
            Task(0), Task(1) with { Priority = 5 }, Task(2) with { Priority = 9 }, Task(3, 0), Task(4, 3),
        ]);

        Assert.Equal(["t0", "t3", "t2", "t1", "t4"], RunToEnd(scheduler));
    }

    [Fact]
    public void Weights_make_a_heavy_task_more_critical_than_a_long_chain_of_light_ones()
    {
        var scheduler = Scheduler(1);
        scheduler.Activate(Project, [Task(0) with { Weight = 0.1 }, Task(1, 0) with { Weight = 0.1 }, Task(2) with { Weight = 5 }]);

        Assert.Equal("t2", Ids(scheduler.Dispatch()).Single());
    }

    [Fact]
    public void Concurrency_never_exceeds_the_global_bound_across_projects()
    {
        var scheduler = Scheduler(3);
        scheduler.Activate("a", Enumerable.Range(0, 5).Select(i => Task(i)).ToList());
        scheduler.Activate("b", Enumerable.Range(0, 5).Select(i => Task(i)).ToList());

        var first = scheduler.Dispatch();
        Assert.Equal(3, first.Count);
        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(3, scheduler.Running);

        scheduler.Completed(first[0].ProjectId, first[0].TaskId);
        Assert.Single(scheduler.Dispatch());
        Assert.Equal(3, scheduler.Running);
    }

    [Fact]
    public void A_lane_limit_holds_back_its_tasks_but_not_the_others()
    {
        var scheduler = Scheduler(10, lanes: new() { ["anthropic"] = 2 });
        scheduler.Activate(Project,
        [
            Task(0) with { Lane = "anthropic" }, Task(1) with { Lane = "anthropic" }, Task(2) with { Lane = "anthropic" },
            Task(3) with { Lane = "ollama" },
        ]);

        var batch = scheduler.Dispatch();

        Assert.Equal(2, batch.Count(d => d.Lane == "anthropic"));
        Assert.Single(batch, d => d.Lane == "ollama");
        Assert.Equal(2, scheduler.RunningInLane("anthropic"));
        scheduler.Completed(Project, batch.First(d => d.Lane == "anthropic").TaskId);
        Assert.Equal("anthropic", scheduler.Dispatch().Single().Lane);
    }

    [Fact]
    public void Completed_tasks_are_never_dispatched_again_after_a_reload()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0) with { Status = TaskItemStatus.Completed }, Task(1, 0), Task(2, 1)]);

        Assert.Equal(["t1", "t2"], RunToEnd(scheduler));
        Assert.Equal(ProjectProgress.Completed, scheduler.Progress(Project));
    }

    [Fact]
    public void Reloading_a_project_keeps_attempts_in_flight_counted_and_not_redispatched()
    {
        var scheduler = Scheduler(2);
        scheduler.Activate(Project, [Task(0), Task(1), Task(2)]);
        var running = Ids(scheduler.Dispatch());

        // The rows still say queued (e.g. read before the claims committed): memory knows better.
        scheduler.Activate(Project, [Task(0) with { Status = TaskItemStatus.Queued }, Task(1) with { Status = TaskItemStatus.Queued }, Task(2)]);

        Assert.Empty(scheduler.Dispatch());
        scheduler.Completed(Project, running[0]);
        Assert.Equal(["t2"], Ids(scheduler.Dispatch()));
    }

    [Fact]
    public void Dependencies_outside_the_loaded_set_do_not_gate_the_run()
    {
        var scheduler = Scheduler(2);
        scheduler.Activate(Project, [new ScheduledTask("x", ["old-plan-task"], TaskItemStatus.Pending)]);

        Assert.Equal(["x"], Ids(scheduler.Dispatch()));
    }
}
