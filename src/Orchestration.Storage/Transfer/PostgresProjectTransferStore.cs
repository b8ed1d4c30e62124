using System.Text.Json.Nodes;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Transfer;

internal sealed class PostgresProjectTransferStore(PostgresDatabase database) : IProjectTransferStore
{
    public Task<JsonObject?> ExportAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.ReadAsync(c => TransferRows.ExportAsync(c, SqlDialect.Postgres, ownerId, projectId, now), cancellationToken);

    public Task<string> ImportAsync(string ownerId, JsonObject document, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => TransferRows.ImportAsync(c, tx, SqlDialect.Postgres, ownerId, document, now), cancellationToken);

    public Task<string?> CloneAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => TransferRows.CloneAsync(c, tx, SqlDialect.Postgres, ownerId, projectId, now), cancellationToken);
}
