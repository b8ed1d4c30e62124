using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;
using static Orchestration.Core.Tests.Scheduling.SchedulerFixture;

namespace Orchestration.Core.Tests.Scheduling;

public sealed class DagSchedulerFailureTests
{
    [Fact]
    public void A_failed_task_blocks_everything_downstream_and_the_rest_keeps_running()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1, 0), Task(2, 1), Task(3)]);
        scheduler.Dispatch();

        var blocked = scheduler.Failed(Project, "t0");

        Assert.Equal(["t1", "t2"], blocked.Order());
        Assert.Equal(TaskItemStatus.Blocked, scheduler.StatusOf(Project, "t2"));
        Assert.Equal(ProjectProgress.Running, scheduler.Progress(Project));
        scheduler.Completed(Project, "t3");
        Assert.Equal(ProjectProgress.Failed, scheduler.Progress(Project));
    }

    [Fact]
    public void A_retry_waits_out_its_delay_on_the_clock_and_holds_no_slot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var scheduler = Scheduler(1, time);
        scheduler.Activate(Project, [Task(0), Task(1)]);
        var first = Ids(scheduler.Dispatch()).Single();
        var notBefore = time.NowEpoch() + 5;

        scheduler.RetryLater(Project, first, notBefore);

        Assert.Equal(0, scheduler.Running);
        Assert.NotEqual(first, Ids(scheduler.Dispatch()).Single());
        Assert.Equal(notBefore, scheduler.NextWakeUp());
        Assert.Equal(ProjectProgress.Running, scheduler.Progress(Project));
        scheduler.Completed(Project, first == "t0" ? "t1" : "t0");
        Assert.Empty(scheduler.Dispatch());

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([first], Ids(scheduler.Dispatch()));
        Assert.Null(scheduler.NextWakeUp());
    }

    [Fact]
    public void A_task_waiting_for_review_keeps_the_project_waiting_not_failed()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1, 0), Task(2)]);
        scheduler.Dispatch();

        Assert.Equal(["t1"], scheduler.NeedsReview(Project, "t0"));
        scheduler.Completed(Project, "t2");

        Assert.Equal(ProjectProgress.WaitingForPeople, scheduler.Progress(Project));
    }

    [Fact]
    public void Loaded_rows_are_normalised_by_the_readiness_rule()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project,
        [
            Task(0) with { Status = TaskItemStatus.Failed },
            Task(1, 0) with { Status = TaskItemStatus.Queued },
            Task(2) with { Status = TaskItemStatus.Completed },
            Task(3, 2),
        ]);

        Assert.Equal(TaskItemStatus.Blocked, scheduler.StatusOf(Project, "t1"));
        Assert.Equal(["t3"], Ids(scheduler.Dispatch()));
    }

    [Fact]
    public void A_cancelled_task_with_nothing_depending_on_it_lets_the_project_complete()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1)]);
        scheduler.Dispatch();

        scheduler.Cancelled(Project, "t0");
        scheduler.Completed(Project, "t1");

        Assert.Equal(ProjectProgress.Completed, scheduler.Progress(Project));
    }

    [Fact]
    public void Tasks_blocked_behind_a_cancelled_task_fail_the_project_when_nothing_else_can_run()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1, 0)]);
        scheduler.Dispatch();

        Assert.Equal(["t1"], scheduler.Cancelled(Project, "t0"));
        Assert.Equal(ProjectProgress.Failed, scheduler.Progress(Project));
    }

    [Fact]
    public void The_last_task_of_a_wave_reports_the_wave_finished_once()
    {
        var scheduler = Scheduler(10);
        scheduler.Activate(Project, [Task(0), Task(1), Task(2, 0, 1) with { Wave = 1 }]);
        scheduler.Dispatch();

        Assert.Null(scheduler.Completed(Project, "t0").WaveFinished);
        Assert.Equal(0, scheduler.Completed(Project, "t1").WaveFinished);
        scheduler.Dispatch();
        Assert.Null(scheduler.Completed(Project, "t2").WaveFinished);
    }

    [Theory]
    [InlineData(0, 0.0, 5.0)]
    [InlineData(1, 0.0, 10.0)]
    [InlineData(2, 0.5, 21.0)]
    [InlineData(10, 0.9, 120.0)]
    public void Backoff_doubles_with_jitter_up_to_the_maximum(int retry, double jitter, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, RetryBackoff.Delay(retry, 5, 120, jitter).TotalSeconds, 6);
}
