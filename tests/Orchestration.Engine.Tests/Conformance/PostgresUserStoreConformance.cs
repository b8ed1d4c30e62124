using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The users stores' conformance suite on PostgreSQL (a fresh database per test on the shared server).</summary>
public sealed class PostgresUserStoreConformance(PostgresServer server) : UserStoreConformance
{
    protected override async Task<ExecutionBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync(server);
}
