using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;
using static Orchestration.Core.Tests.Scheduling.SchedulerFixture;

namespace Orchestration.Core.Tests.Scheduling;

/// <summary>Pause, resume and cancel in every state a project can be in.</summary>
public sealed class DagSchedulerLifecycleTests
{
    private static DagScheduler Started(out IReadOnlyList<TaskDispatch> running, FakeTimeProvider? time = null)
    {
        var scheduler = Scheduler(2, time);
        scheduler.Activate(Project, [Task(0), Task(1), Task(2), Task(3, 0)]);
        running = scheduler.Dispatch();
        return scheduler;
    }

    [Fact]
    public void Pause_before_anything_started_dispatches_nothing_and_is_drained()
    {
        var scheduler = Scheduler(2);
        scheduler.Activate(Project, [Task(0), Task(1)]);

        scheduler.Pause(Project);

        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(ProjectProgress.Drained, scheduler.Progress(Project));
    }

    [Fact]
    public void Pause_while_running_lets_running_attempts_finish_and_starts_none()
    {
        var scheduler = Started(out var running);

        scheduler.Pause(Project);
        scheduler.Completed(Project, running[0].TaskId);

        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(ProjectProgress.Running, scheduler.Progress(Project));
        scheduler.Completed(Project, running[1].TaskId);
        Assert.Equal(ProjectProgress.Drained, scheduler.Progress(Project));
    }

    [Fact]
    public void Resume_after_pause_continues_where_it_stopped()
    {
        var scheduler = Started(out var running);
        scheduler.Pause(Project);
        foreach (var d in running)
        {
            scheduler.Completed(Project, d.TaskId);
        }

        scheduler.Resume(Project);

        Assert.Equal(["t2", "t3"], RunToEnd(scheduler).Order());
        Assert.Equal(ProjectProgress.Completed, scheduler.Progress(Project));
    }

    [Fact]
    public void Pause_while_a_retry_waits_keeps_it_waiting_and_no_wake_up_is_asked()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var scheduler = Started(out var running, time);
        scheduler.RetryLater(Project, running[0].TaskId, time.NowEpoch() + 10);
        scheduler.Completed(Project, running[1].TaskId);

        scheduler.Pause(Project);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(scheduler.NextWakeUp());
        Assert.Empty(scheduler.Dispatch());
        scheduler.Resume(Project);
        Assert.Contains(running[0].TaskId, Ids(scheduler.Dispatch()));
    }

    [Fact]
    public void Pause_after_completion_is_drained_and_resume_completes()
    {
        var scheduler = Scheduler(4);
        scheduler.Activate(Project, [Task(0)]);
        RunToEnd(scheduler);

        scheduler.Pause(Project);
        Assert.Equal(ProjectProgress.Drained, scheduler.Progress(Project));
        scheduler.Resume(Project);
        Assert.Equal(ProjectProgress.Completed, scheduler.Progress(Project));
    }

    [Fact]
    public void Cancel_while_running_names_the_attempts_to_stop_and_frees_their_slots_when_they_end()
    {
        var scheduler = Started(out var running);

        var toStop = scheduler.InFlightOf(Project);
        scheduler.Remove(Project);

        Assert.Equal(running.Select(r => r.TaskId).Order(), toStop.Order());
        Assert.Equal(2, scheduler.Running);
        foreach (var taskId in toStop)
        {
            scheduler.Abandoned(Project, taskId);
        }
        Assert.Equal(0, scheduler.Running);
        Assert.Empty(scheduler.Dispatch());
    }

    [Fact]
    public void Cancel_before_start_or_after_completion_leaves_nothing_running()
    {
        var scheduler = Scheduler(2);
        scheduler.Activate("idle", [Task(0)]);
        scheduler.Activate("done", [Task(0) with { Status = TaskItemStatus.Completed }]);

        Assert.Empty(scheduler.InFlightOf("idle"));
        Assert.Empty(scheduler.InFlightOf("done"));
        scheduler.Remove("idle");
        scheduler.Remove("done");

        Assert.Empty(scheduler.Dispatch());
        Assert.Equal(ProjectProgress.Drained, scheduler.Progress("idle"));
    }

    [Fact]
    public void A_cancelled_in_flight_task_reported_after_a_reload_stays_cancelled()
    {
        var scheduler = Started(out var running);
        var target = running[0].TaskId;

        scheduler.Activate(Project, [Task(0) with { Status = TaskItemStatus.Cancelled }, Task(1), Task(2), Task(3, 0)]);
        scheduler.Abandoned(Project, target);

        Assert.Equal(TaskItemStatus.Cancelled, scheduler.StatusOf(Project, "t0"));
        Assert.Equal(TaskItemStatus.Blocked, scheduler.StatusOf(Project, "t3"));
    }

    [Fact]
    public void A_task_read_back_completed_while_its_attempt_still_runs_here_holds_its_dependants_until_the_attempt_ends()
    {
        // The store says t0 is completed (its attempt committed it) while the attempt still runs its completion hooks.
        var scheduler = Started(out var running);
        Assert.Equal(["t0", "t1"], Ids(running));

        scheduler.Activate(Project, [Task(0) with { Status = TaskItemStatus.Completed }, Task(1), Task(2), Task(3, 0)]);

        Assert.Equal(TaskItemStatus.Pending, scheduler.StatusOf(Project, "t3"));
        scheduler.Completed(Project, "t1");
        Assert.Equal(["t2"], Ids(scheduler.Dispatch()));
        Assert.Equal(ProjectProgress.Running, scheduler.Progress(Project));
        scheduler.Completed(Project, "t0");
        Assert.Equal(["t3"], Ids(scheduler.Dispatch()));
    }
}
