namespace Orchestration.Core.Planning;

/// <summary>The task graph of an approved plan, in global index order.</summary>
public sealed record PlanDecomposition(IReadOnlyList<DecomposedTask> Tasks, int TotalWaves);
