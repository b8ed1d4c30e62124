using Npgsql;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Schema;

/// <summary>The PostgreSQL database's schema: <see cref="PostgresMigrator"/>'s migrations.</summary>
internal sealed class PostgresDatabaseSchema(PostgresDatabase database, PostgresMigrator migrator) : IDatabaseSchema
{
    public string Provider => DatabaseOptions.Postgres;

    public string Location => $"{database.Host}:{database.Port}/{database.DatabaseName}";

    public int LatestVersion => PostgresMigrator.LatestVersion;

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public async Task<DatabaseStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["host"] = database.Host,
            ["port"] = database.Port,
            ["database"] = database.DatabaseName,
        };
        try
        {
            return new DatabaseStatus(true, await migrator.CurrentVersionAsync(cancellationToken), details);
        }
        // NpgsqlException covers the server's errors and a server that cannot be reached (refused, timed out).
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new DatabaseStatus(false, 0, details, e.Message);
        }
    }
}
