namespace Orchestration.Storage.Tasks;

/// <summary>A task row with the ids of the tasks it depends on (in plan order).</summary>
public sealed record TaskView(TaskRecord Task, IReadOnlyList<string> DependsOn);
