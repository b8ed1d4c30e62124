namespace Orchestration.Core.Planning;

/// <summary>A plan task with its 0-based global index and the phase it belongs to (null in a flat plan).</summary>
public sealed record IndexedPlanTask(int Index, string? Phase, PlanTask Task);
