namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The users stores' conformance suite on SQLite.</summary>
public sealed class SqliteUserStoreConformance : UserStoreConformance
{
    protected override async Task<ExecutionBackend> CreateBackendAsync() => await SqliteBackend.CreateAsync();
}
