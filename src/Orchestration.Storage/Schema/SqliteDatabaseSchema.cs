using Microsoft.Data.Sqlite;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Schema;

/// <summary>The SQLite file's schema: <see cref="Migrator"/>'s migrations.</summary>
internal sealed class SqliteDatabaseSchema(SqliteDatabase database, Migrator migrator) : IDatabaseSchema
{
    public string Provider => DatabaseOptions.Sqlite;

    public string Location => database.Path;

    public int LatestVersion => Migrator.LatestVersion;

    public Task<int> MigrateAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public async Task<DatabaseStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?> { ["path"] = database.Path };
        try
        {
            var version = await migrator.CurrentVersionAsync(cancellationToken);
            details["file_size_bytes"] = File.Exists(database.Path) ? new FileInfo(database.Path).Length : 0;
            return new DatabaseStatus(true, version, details);
        }
        catch (SqliteException e)
        {
            return new DatabaseStatus(false, 0, details, e.Message);
        }
    }
}
