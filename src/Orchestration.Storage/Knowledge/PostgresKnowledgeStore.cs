using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Knowledge;

internal sealed class PostgresKnowledgeStore(PostgresDatabase database) : IKnowledgeStore
{
    public Task<IReadOnlyList<KnowledgeRecord>?> ListAsync(string ownerId, string projectId, KnowledgeFilter filter, CancellationToken cancellationToken) =>
        database.ReadAsync(c => KnowledgeQueries.ListAsync(c, ownerId, projectId, filter, cancellationToken), cancellationToken);

    public Task<bool?> DeleteAsync(string ownerId, string projectId, string knowledgeId, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => KnowledgeQueries.DeleteAsync(c, tx, ownerId, projectId, knowledgeId), cancellationToken);
}
