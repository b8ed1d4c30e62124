namespace Orchestration.Storage.Budget;

/// <summary>A reservation as the ledger made it: the worst-case amount held for one model call.</summary>
/// <param name="Owner">The process instance that holds it; another instance releases it at startup.</param>
/// <param name="CreatedAt">Epoch seconds.</param>
/// <param name="LeaseExpiresAt">Epoch seconds after which the sweep releases it, whoever holds it.</param>
public sealed record NewBudgetReservation(
    string Id, string UserId, string? ProjectId, long AmountNanos, double CreatedAt, string Owner, double LeaseExpiresAt);
