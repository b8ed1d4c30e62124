using Orchestration.Core.Scheduling;
using static Orchestration.Core.Tests.Scheduling.SchedulerFixture;

namespace Orchestration.Core.Tests.Scheduling;

/// <summary>An exhausted paid cap holds paid tasks only; the project waits for the budget once nothing else can run.</summary>
public sealed class DagSchedulerBudgetHoldTests
{
    private static ScheduledTask Free(int index, params int[] dependsOn) => Task(index, dependsOn) with { Paid = false };

    [Fact]
    public void Held_paid_tasks_do_not_start_while_free_ones_run_to_the_end()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Free(1), Free(2, 1), Task(3, 2)]);
        Assert.Equal(["t0", "t1"], Ids(scheduler.Dispatch()).Order());

        scheduler.Requeued(Project, "t0");
        scheduler.Hold(Project, paidOnly: true);
        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(ProjectProgress.Running, scheduler.Progress(Project));
        scheduler.Completed(Project, "t1");
        Assert.Equal(["t2"], Ids(scheduler.Dispatch()));
        scheduler.Completed(Project, "t2");

        // t3 (paid) became ready but is held: nothing else can run.
        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(ProjectProgress.WaitingForBudget, scheduler.Progress(Project));
    }

    [Fact]
    public void Holding_everything_stops_free_tasks_too_and_a_reload_lifts_the_hold()
    {
        var scheduler = Scheduler(1);
        var graph = new[] { Free(0), Free(1) };
        scheduler.Activate(Project, graph);
        var first = Ids(scheduler.Dispatch()).Single();

        scheduler.Requeued(Project, first);
        scheduler.Hold(Project, paidOnly: false);
        scheduler.Hold(Project, paidOnly: true); // a later paid-only refusal does not narrow it again

        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(ProjectProgress.WaitingForBudget, scheduler.Progress(Project));
        scheduler.Activate(Project, graph);
        Assert.Single(scheduler.Dispatch());
    }

    [Fact]
    public void A_cap_that_cut_the_last_task_short_still_waits_for_the_budget_instead_of_completing()
    {
        var scheduler = Scheduler(1);
        scheduler.Activate(Project, [Task(0)]);
        scheduler.Dispatch();

        scheduler.Completed(Project, "t0");
        scheduler.Hold(Project, paidOnly: true);

        Assert.Equal(ProjectProgress.WaitingForBudget, scheduler.Progress(Project));
    }
}
