using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The execution conformance suite on PostgreSQL (a fresh database per test on the shared server).</summary>
public sealed class PostgresExecutionConformance(PostgresServer server) : ExecutionConformance
{
    protected override async Task<ExecutionBackend> CreateBackendAsync() => await PostgresBackend.CreateAsync(server);
}
