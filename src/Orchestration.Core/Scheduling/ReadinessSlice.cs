using Orchestration.Core.Domain;

namespace Orchestration.Core.Scheduling;

/// <summary>
/// The part of a graph that a change can affect: the tasks whose readiness is derived again (<see cref="Tasks"/>), and
/// the current status of each of them and of every task they depend on (<see cref="Statuses"/>).
/// </summary>
public sealed record ReadinessSlice(IReadOnlyList<SliceTask> Tasks, IReadOnlyDictionary<string, TaskItemStatus> Statuses);
