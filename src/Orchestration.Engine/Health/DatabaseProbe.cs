using Orchestration.Core.Configuration;
using Orchestration.Storage.Migrations;

namespace Orchestration.Engine.Health;

/// <summary>`database`: the SQLite file answers and every migration is applied.</summary>
internal sealed class DatabaseProbe(DatabaseOptions database, Migrator migrator) : IServiceProbe
{
    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["provider"] = database.Provider,
            ["path"] = database.Path,
            ["latest_schema_version"] = Migrator.LatestVersion,
        };
        string status;
        try
        {
            var version = await migrator.CurrentVersionAsync(cancellationToken);
            details["schema_version"] = version;
            details["file_size_bytes"] = File.Exists(database.Path) ? new FileInfo(database.Path).Length : 0;
            status = version >= Migrator.LatestVersion ? ServiceStatus.Online : ServiceStatus.Degraded;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            status = ServiceStatus.Offline;
            details["error"] = ex.Message;
        }
        return [new ServiceStatus("database", "Database", status, "SELECT schema version", details, "storage")];
    }
}
