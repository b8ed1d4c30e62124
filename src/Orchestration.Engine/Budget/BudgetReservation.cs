namespace Orchestration.Engine.Budget;

/// <summary>A worst-case amount held against the caps until the call settles or is released.</summary>
public sealed record BudgetReservation(string Id, string UserId, string? ProjectId, decimal AmountUsd);
