using Dapper;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Execution;

/// <summary>A plain read on either backend (the write that ends a wait is the execution transaction's).</summary>
internal sealed class ExpiredWaitStore(ISqlDatabase database) : IExpiredWaitStore
{
    public Task<IReadOnlyList<ExpiredWait>> ExpiredAsync(double cutoff, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ExpiredWait>>(async c => (await c.QueryAsync<ExpiredWait>(
            $"""
            SELECT t.id AS task_id, t.project_id, p.owner_id, t.updated_at AS waiting_since,
                   (SELECT k.id FROM checkpoints k WHERE k.task_id = t.id AND k.resolved_at IS NULL ORDER BY k.created_at DESC LIMIT 1) AS checkpoint_id,
                   t.output_text IS NOT NULL AND length(trim(t.output_text)) > 0 AS has_output
            FROM tasks t JOIN projects p ON p.id = t.project_id
            WHERE t.status = '{TaskStatusNames.NeedsReview}' AND p.status = '{ProjectStatusNames.Executing}' AND t.updated_at <= @cutoff
            ORDER BY t.updated_at, t.id LIMIT @limit
            """, new { cutoff, limit })).ToList(), cancellationToken);
}
