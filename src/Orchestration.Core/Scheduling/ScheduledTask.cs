using Orchestration.Core.Domain;

namespace Orchestration.Core.Scheduling;

/// <summary>
/// One task as the scheduler sees it: its place in the graph and its persisted status. Immutable input;
/// the scheduler keeps its own mutable copy of the status.
/// </summary>
/// <param name="Weight">Expected relative duration, used for the critical path (1 = a typical task).</param>
/// <param name="NotBefore">Epoch seconds before which a queued task may not start (a retry waiting out its backoff).</param>
/// <param name="Lane">The concurrency lane (the provider the task's model runs on); lanes may have their own limit.</param>
/// <param name="Paid">Whether the task's model costs money (false for local models): when a budget cap is exhausted
/// only paid tasks are held (<see cref="DagScheduler.Hold"/>).</param>
public sealed record ScheduledTask(
    string Id,
    IReadOnlyList<string> DependsOn,
    TaskItemStatus Status,
    long Priority = 0,
    long Index = 0,
    long Wave = 0,
    double Weight = 1,
    double? NotBefore = null,
    string Lane = "",
    bool Paid = true);
