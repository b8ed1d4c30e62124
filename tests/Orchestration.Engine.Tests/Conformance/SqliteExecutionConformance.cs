namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The execution conformance suite on SQLite (a WAL file through the group commit).</summary>
public sealed class SqliteExecutionConformance : ExecutionConformance
{
    protected override async Task<ExecutionBackend> CreateBackendAsync() => await SqliteBackend.CreateAsync();
}
