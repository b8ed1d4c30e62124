namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The budget store's conformance suite on SQLite.</summary>
public sealed class SqliteBudgetStoreConformance : BudgetStoreConformance
{
    protected override async Task<ExecutionBackend> CreateBackendAsync() => await SqliteBackend.CreateAsync();
}
