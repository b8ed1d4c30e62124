namespace Orchestration.Engine.Budget;

/// <summary>A worst-case amount held against the budgets for one model call until it is settled or released.</summary>
public sealed record BudgetReservation(string Id, string UserId, string? ProjectId, decimal AmountUsd);
