namespace Orchestration.Core.Planning;

/// <summary>A plan cannot be changed in its current state (already approved or superseded, or changed meanwhile): 409.</summary>
public sealed class PlanConflictException(string message) : InvalidOperationException(message);
