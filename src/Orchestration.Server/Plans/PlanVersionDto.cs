namespace Orchestration.Server.Plans;

/// <summary>Which plan version one side of a diff is.</summary>
public sealed record PlanVersionDto(string Id, long Version, string Status, double CreatedAt);
