using Orchestration.Storage.Schema;

namespace Orchestration.Engine.Health;

/// <summary>`database`: the database (a SQLite file or a PostgreSQL server) answers and every migration is applied.</summary>
internal sealed class DatabaseProbe(IDatabaseSchema schema) : IServiceProbe
{
    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["provider"] = schema.Provider,
            ["latest_schema_version"] = schema.LatestVersion,
        };
        string status;
        try
        {
            var probe = await schema.ProbeAsync(cancellationToken);
            foreach (var (key, value) in probe.Details)
            {
                details[key] = value;
            }
            if (probe.Reachable)
            {
                details["schema_version"] = probe.SchemaVersion;
                status = probe.SchemaVersion >= schema.LatestVersion ? ServiceStatus.Online : ServiceStatus.Degraded;
            }
            else
            {
                status = ServiceStatus.Offline;
                details["error"] = probe.Error;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            status = ServiceStatus.Offline;
            details["error"] = ex.Message;
        }
        return [new ServiceStatus("database", "Database", status, "SELECT schema version", details, "storage")];
    }
}
