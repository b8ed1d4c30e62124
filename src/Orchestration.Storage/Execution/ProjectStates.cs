namespace Orchestration.Storage.Execution;

/// <summary>Where a project and each task of its current plan stand, read without locks: what a node needs to bring its
/// scheduler up to date after another node changed the project (the graph's shape it already has).</summary>
/// <param name="ReplanHold">A re-plan is pending: no new task starts.</param>
public sealed record ProjectStates(string ProjectStatus, IReadOnlyList<TaskState> Tasks, bool ReplanHold = false);

/// <summary>One task's status, retry delay and tier (a verification retry may escalate it).</summary>
public sealed record TaskState(string Id, string Status, double? NotBefore, string ModelTier);
