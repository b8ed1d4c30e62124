using Orchestration.Core.Domain;

namespace Orchestration.Core.Scheduling;

/// <summary>One status a task moves to because of its dependencies.</summary>
public sealed record ReadinessChange(string TaskId, TaskItemStatus From, TaskItemStatus To);
