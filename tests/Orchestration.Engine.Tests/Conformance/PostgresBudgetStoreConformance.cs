using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The budget store's conformance suite on PostgreSQL (a fresh database per test on the shared server).</summary>
public sealed class PostgresBudgetStoreConformance(PostgresServer server) : BudgetStoreConformance
{
    protected override async Task<ExecutionBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync(server);
}
