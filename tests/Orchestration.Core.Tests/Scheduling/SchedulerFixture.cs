using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;

namespace Orchestration.Core.Tests.Scheduling;

/// <summary>Builds small graphs for the scheduler tests: task "tN" depends on the listed indexes.</summary>
internal static class SchedulerFixture
{
    public const string Project = "p1";

    public static DagScheduler Scheduler(int maxConcurrent, FakeTimeProvider? time = null, Dictionary<string, int>? lanes = null) =>
        new(new SchedulerLimits(maxConcurrent, lanes), time ?? new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000_000)));

    public static ScheduledTask Task(int index, params int[] dependsOn) =>
        new($"t{index}", dependsOn.Select(d => $"t{d}").ToArray(), TaskItemStatus.Pending, Index: index);

    public static IReadOnlyList<string> Ids(IEnumerable<TaskDispatch> dispatches) => dispatches.Select(d => d.TaskId).ToList();

    /// <summary>Dispatches and completes tasks one at a time until nothing is ready; returns the completion order.</summary>
    public static List<string> RunToEnd(DagScheduler scheduler, string project = Project)
    {
        var order = new List<string>();
        while (scheduler.Dispatch() is { Count: > 0 } batch)
        {
            foreach (var d in batch)
            {
                scheduler.Completed(project, d.TaskId);
                order.Add(d.TaskId);
            }
        }
        return order;
    }
}
