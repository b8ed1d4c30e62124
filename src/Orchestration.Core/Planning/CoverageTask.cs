namespace Orchestration.Core.Planning;

/// <summary>A task as coverage sees it: a stored task (with id and status) or a plan entry not yet approved.</summary>
public sealed record CoverageTask(string? TaskId, int Index, IReadOnlyList<string> RequirementIds, bool Completed);
