namespace Orchestration.Engine.Budget;

/// <summary>Reads the state of the global caps: what the ledger enforces, for every user alike.</summary>
public interface IBudgetStatusReader
{
    Task<BudgetStatus> GetAsync(CancellationToken cancellationToken);
}
