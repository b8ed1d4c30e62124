using Dapper;

namespace Orchestration.Storage.Notifications;

/// <summary>The outbox on either backend: the SQL reads the same, except that PostgreSQL nodes claim with
/// FOR UPDATE SKIP LOCKED (SQLite has one writer, so a claim there is already alone).</summary>
internal sealed class NotificationStore(ISqlDatabase database, bool skipLocked) : INotificationStore
{
    private const string Columns =
        "id, project_id, task_id, event_seq, event_type, kind, url, body, status, attempts, last_status_code, last_error, created_at, "
        + "next_attempt_at, delivered_at";

    public Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, double now, CancellationToken cancellationToken) =>
        deliveries.Count == 0
            ? Task.CompletedTask
            : database.WriteAsync(async (c, tx) =>
            {
                foreach (var d in deliveries)
                {
                    await c.ExecuteAsync(
                        $"""
                        INSERT INTO notification_deliveries (id, project_id, task_id, event_seq, event_type, kind, url, body, status, attempts,
                                                             created_at, next_attempt_at)
                        SELECT @Id, @ProjectId, @TaskId, @EventSeq, @EventType, @Kind, @Url, @Body, '{NotificationDelivery.Pending}', 0, @now, @now
                        WHERE EXISTS (SELECT 1 FROM projects WHERE id = @ProjectId)
                        ON CONFLICT (project_id, event_seq, url) DO NOTHING
                        """, new { d.Id, d.ProjectId, d.TaskId, d.EventSeq, d.EventType, d.Kind, d.Url, d.Body, now }, tx);
                }
                return true;
            }, cancellationToken);

    public Task<IReadOnlyList<NotificationDelivery>> ClaimDueAsync(double now, double leaseUntil, int limit, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<NotificationDelivery>>(async (c, tx) => (await c.QueryAsync<NotificationDelivery>(
            $"""
            UPDATE notification_deliveries SET lease_until = @leaseUntil
            WHERE id IN (SELECT id FROM notification_deliveries
                         WHERE status = '{NotificationDelivery.Pending}' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now)
                         ORDER BY next_attempt_at, id LIMIT @limit{(skipLocked ? " FOR UPDATE SKIP LOCKED" : "")})
            RETURNING {Columns}
            """, new { now, leaseUntil, limit }, tx)).ToList(), cancellationToken);

    public Task<bool> RecordAsync(string id, long previousAttempts, DeliveryOutcome outcome, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) => await c.ExecuteAsync(
            $"""
            UPDATE notification_deliveries
            SET status = @Status, attempts = @Attempts, last_status_code = @StatusCode, last_error = @Error, next_attempt_at = @NextAttemptAt,
                delivered_at = @DeliveredAt, lease_until = NULL
            WHERE id = @id AND status = '{NotificationDelivery.Pending}' AND attempts = @previousAttempts
            """, new { id, previousAttempts, outcome.Status, outcome.Attempts, outcome.StatusCode, outcome.Error, outcome.NextAttemptAt, outcome.DeliveredAt },
            tx) == 1, cancellationToken);

    public Task<double?> NextDueAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.ExecuteScalarAsync<double?>(
            $"""
            SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END)
            FROM notification_deliveries WHERE status = '{NotificationDelivery.Pending}'
            """), cancellationToken);

    public Task<(IReadOnlyList<NotificationDelivery> Items, int Total)> ListAsync(DeliveryQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync<(IReadOnlyList<NotificationDelivery>, int)>(async c =>
        {
            var where = new List<string>();
            if (query.OwnerId is not null)
            {
                where.Add("p.owner_id = @OwnerId");
            }
            if (query.ProjectId is not null)
            {
                where.Add("d.project_id = @ProjectId");
            }
            if (query.Status is not null)
            {
                where.Add("d.status = @Status");
            }
            var from = "FROM notification_deliveries d JOIN projects p ON p.id = d.project_id"
                + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where));
            var total = await c.ExecuteScalarAsync<int>($"SELECT COUNT(*) {from}", query);
            var items = await c.QueryAsync<NotificationDelivery>(
                $"SELECT {string.Join(", ", Columns.Split(", ").Select(col => "d." + col))} {from} ORDER BY d.created_at DESC, d.id DESC LIMIT @Limit OFFSET @Offset",
                query);
            return (items.ToList(), total);
        }, cancellationToken);
}
