namespace Orchestration.Core.Scheduling;

/// <summary>A task of a <see cref="ReadinessSlice"/> and the tasks it depends on.</summary>
public sealed record SliceTask(string Id, IReadOnlyList<string> DependsOn);
