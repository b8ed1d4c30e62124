namespace Orchestration.Storage.Tasks;

/// <summary>One page of a task list and the number of tasks matching the filters.</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Items, long Total);
