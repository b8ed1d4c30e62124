using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Execution;

/// <summary>A project with the tasks of its current plan and their dependencies (task id → ids it depends on).</summary>
public sealed record ProjectGraph(
    Project Project,
    IReadOnlyList<ExecutionTask> Tasks,
    IReadOnlyDictionary<string, IReadOnlyList<string>> DependsOn);
