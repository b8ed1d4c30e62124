namespace Orchestration.Engine.Budget;

/// <summary>Reads the state of the global caps: what the ledger enforces, for every user alike.</summary>
public interface IBudgetStatusReader
{
    /// <summary>The caps' state with the amounts of <paramref name="userId"/> (null: the whole installation's, for an
    /// administrator).</summary>
    Task<BudgetStatus> GetAsync(string? userId, CancellationToken cancellationToken);
}
