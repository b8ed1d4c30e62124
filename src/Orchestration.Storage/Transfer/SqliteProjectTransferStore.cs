using System.Text.Json.Nodes;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Transfer;

internal sealed class SqliteProjectTransferStore(SqliteDatabase database) : IProjectTransferStore
{
    public Task<JsonObject?> ExportAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.ReadAsync(c => TransferRows.ExportAsync(c, SqlDialect.Sqlite, ownerId, projectId, now), cancellationToken);

    public Task<string> ImportAsync(string ownerId, JsonObject document, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => TransferRows.ImportAsync(c, tx, SqlDialect.Sqlite, ownerId, document, now), cancellationToken);

    public Task<string?> CloneAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => TransferRows.CloneAsync(c, tx, SqlDialect.Sqlite, ownerId, projectId, now), cancellationToken);
}
