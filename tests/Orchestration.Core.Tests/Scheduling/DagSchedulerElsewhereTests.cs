using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;
using static Orchestration.Core.Tests.Scheduling.SchedulerFixture;

namespace Orchestration.Core.Tests.Scheduling;

/// <summary>What a node's scheduler does with attempts other nodes sharing its database started and completed.</summary>
public sealed class DagSchedulerElsewhereTests
{
    [Fact]
    public void A_task_started_elsewhere_is_not_dispatched_here_and_keeps_the_project_running()
    {
        var scheduler = Scheduler(4);
        scheduler.Activate(Project, [Task(0), Task(1)]);

        scheduler.StartedElsewhere(Project, "t0");

        Assert.Equal(["t1"], Ids(scheduler.Dispatch()));
        scheduler.Completed(Project, "t1");
        Assert.Equal(ProjectProgress.Running, scheduler.Progress(Project));
        Assert.Equal(TaskItemStatus.Running, scheduler.StatusOf(Project, "t0"));
    }

    [Fact]
    public void A_task_completed_elsewhere_readies_its_dependants_here_and_the_last_one_completes_the_project()
    {
        var scheduler = Scheduler(4);
        scheduler.Activate(Project, [Task(0), Task(1), Task(2, 0, 1)]);
        scheduler.StartedElsewhere(Project, "t0");
        Assert.Equal(["t1"], Ids(scheduler.Dispatch()));
        scheduler.Completed(Project, "t1");

        Assert.Equal(["t2"], scheduler.CompletedElsewhere(Project, "t0"));
        Assert.Equal(["t2"], Ids(scheduler.Dispatch()));
        scheduler.Completed(Project, "t2");
        Assert.Equal(ProjectProgress.Completed, scheduler.Progress(Project));
    }

    [Fact]
    public void Reports_about_a_task_in_flight_here_or_already_further_on_change_nothing()
    {
        var scheduler = Scheduler(1);
        scheduler.Activate(Project, [Task(0), Task(1, 0)]);
        Assert.Equal(["t0"], Ids(scheduler.Dispatch()));

        scheduler.StartedElsewhere(Project, "t0");
        Assert.Empty(scheduler.CompletedElsewhere(Project, "t0"));
        Assert.True(scheduler.IsInFlight(Project, "t0"));
        Assert.Empty(scheduler.CompletedElsewhere(Project, "t1")); // still pending here: the caller reads the project
        Assert.Equal(TaskItemStatus.Pending, scheduler.StatusOf(Project, "t1"));
    }

    [Fact]
    public void Spread_ties_keep_critical_path_first_but_order_equal_tasks_otherwise_than_plan_order()
    {
        var tasks = new List<ScheduledTask> { Task(0), Task(1, 0) };
        tasks.AddRange(Enumerable.Range(2, 40).Select(i => Task(i)));
        var spread = new DagScheduler(new SchedulerLimits(1), TimeProvider.System) { SpreadTies = true };
        spread.Activate(Project, tasks);

        var order = RunToEnd(spread);

        Assert.Equal("t0", order[0]); // the only task with a successor: the longest path starts there
        var rest = order.Skip(1).Where(id => id != "t1").ToList();
        Assert.Equal(40, rest.Count);
        Assert.NotEqual(rest.OrderBy(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)), rest);
    }
}
