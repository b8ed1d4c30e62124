using Dapper;
using Npgsql;
using Orchestration.Core.Domain;

namespace Orchestration.TestSupport.Postgres;

/// <summary>
/// The PostgreSQL server of a test assembly (its assembly fixture, or one shared instance), shared by its tests: each test
/// takes a fresh database of its own (<see cref="CreateDatabaseAsync"/>), so tests stay independent and run in parallel. The server is the one named by
/// <see cref="ConnectionVariable"/> when set (a connection string whose user may CREATE DATABASE); otherwise a throwaway
/// local cluster (<see cref="PostgresCluster"/>), started when a test first asks for a database and deleted after the run.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "ORCH_TEST_POSTGRES";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private PostgresCluster? _cluster;
    private string? _adminConnectionString;
    // A server that failed to start fails every later test at once, with the same error.
    private Exception? _startFailure;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A new, empty database; dropped when the result is disposed.</summary>
    public async Task<PostgresTestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var admin = await AdminConnectionStringAsync(cancellationToken);
        var name = "orch_test_" + Ids.New();
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync(cancellationToken);
            await c.ExecuteAsync($"CREATE DATABASE {name}");
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
        return new PostgresTestDatabase(name, connectionString, () => DropAsync(admin, name));
    }

    public async ValueTask DisposeAsync()
    {
        _cluster?.Stop();
        _starting.Dispose();
        await Task.CompletedTask;
    }

    private async Task<string> AdminConnectionStringAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_startFailure is not null)
            {
                throw new InvalidOperationException("The test PostgreSQL server did not start.", _startFailure);
            }
            if (_adminConnectionString is null)
            {
                var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
                if (string.IsNullOrWhiteSpace(configured))
                {
                    try
                    {
                        _cluster = await PostgresCluster.StartAsync(cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        _startFailure = e;
                        throw;
                    }
                    configured = _cluster.ConnectionString;
                }
                _adminConnectionString = configured;
            }
            return _adminConnectionString;
        }
        finally
        {
            _starting.Release();
        }
    }

    private static async Task DropAsync(string admin, string name)
    {
        await using var c = new NpgsqlConnection(admin);
        await c.OpenAsync();
        // FORCE ends connections still open on it (a pool not yet closed).
        await c.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }
}
