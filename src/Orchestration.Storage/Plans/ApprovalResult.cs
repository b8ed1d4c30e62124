namespace Orchestration.Storage.Plans;

/// <summary>The task rows an approval created (ids in plan index order) and how many unexecuted tasks of an earlier
/// plan it removed.</summary>
public sealed record ApprovalResult(IReadOnlyList<string> TaskIds, int TotalWaves, int ReplacedTasks);
