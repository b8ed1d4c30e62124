namespace Orchestration.TestSupport.Postgres;

/// <summary>One test's own database on the shared <see cref="PostgresServer"/>; disposing it drops it.</summary>
public sealed class PostgresTestDatabase(string name, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync() => await drop();
}
