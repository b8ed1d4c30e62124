using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Scheduling;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution.Sqlite;

// The guarded task write and the graph slices readiness is derived from.
internal sealed partial class SqliteExecutionTransaction
{
    // One UPDATE text per shape of TaskUpdate (which guards and columns it has), so each shape is prepared once.
    private static readonly ConcurrentDictionary<int, string> UpdateSql = new();

    private static readonly string DependantsSql = SliceSql("SELECT task_id FROM task_dependencies WHERE depends_on_id = @taskId");

    private static readonly string DownstreamSql = SliceSql(
        """
        WITH RECURSIVE down(id) AS (
            SELECT task_id FROM task_dependencies WHERE depends_on_id = @taskId
            UNION
            SELECT d.task_id FROM task_dependencies d JOIN down ON d.depends_on_id = down.id
        )
        SELECT id FROM down
        """);

    private static readonly string SelfAndDownstreamSql = SliceSql(
        """
        WITH RECURSIVE down(id) AS (
            SELECT @taskId
            UNION
            SELECT d.task_id FROM task_dependencies d JOIN down ON d.depends_on_id = down.id
        )
        SELECT id FROM down
        """);

    // Each slice task with its status, and each of its dependencies (of the same plan) with theirs.
    private static string SliceSql(string members) =>
        $"""
        SELECT t.id, t.status, d.depends_on_id, u.status AS dependency_status
        FROM tasks t
        LEFT JOIN task_dependencies d ON d.task_id = t.id
        LEFT JOIN tasks u ON u.id = d.depends_on_id AND u.plan_id = t.plan_id
        WHERE t.id IN ({members})
        """;

    public Task<ReadinessSlice> SliceAsync(string taskId, SliceScope scope)
    {
        var sql = scope switch
        {
            SliceScope.Dependants => DependantsSql,
            SliceScope.Downstream => DownstreamSql,
            _ => SelfAndDownstreamSql,
        };
        var command = c.Prepared(tx, sql).With("@taskId", taskId);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, TaskItemStatus>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                statuses[id] = WireNames.Parse<TaskItemStatus>(reader.GetString(1));
                var dependencies = members.TryGetValue(id, out var list) ? list : members[id] = [];
                if (!reader.IsDBNull(2) && !reader.IsDBNull(3))
                {
                    var dependency = reader.GetString(2);
                    dependencies.Add(dependency);
                    statuses.TryAdd(dependency, WireNames.Parse<TaskItemStatus>(reader.GetString(3)));
                }
            }
        }
        return Task.FromResult(new ReadinessSlice(members.Select(m => new SliceTask(m.Key, m.Value)).ToList(), statuses));
    }

    public Task<ExecutionTask?> UpdateTaskAsync(TaskUpdate u, double now)
    {
        var command = c.Prepared(tx, UpdateSql.GetOrAdd(Shape(u), _ => BuildUpdate(u)))
            .With("@id", u.TaskId).With("@from", u.From.ToWire()).With("@to", u.To.ToWire()).With("@now", now);
        if (u.Attempt is { } key)
        {
            command.With("@owner", key.Owner).With("@attempt", key.Attempt);
        }
        if (u.RunnableAt is { } at)
        {
            command.With("@runnableAt", at);
        }
        if (u.Lease is { } lease)
        {
            command.With("@leaseOwner", lease.Value.Owner).With("@leaseExpiresAt", lease.Value.ExpiresAt);
        }
        Bind(command, "@notBefore", u.NotBefore);
        Bind(command, "@error", u.Error);
        Bind(command, "@completedAt", u.CompletedAt);
        Bind(command, "@outputText", u.OutputText);
        Bind(command, "@modelUsed", u.ModelUsed);
        Bind(command, "@modelTier", u.ModelTier);
        Bind(command, "@verificationStatus", u.VerificationStatus);
        Bind(command, "@verificationNotes", u.VerificationNotes);
        Bind(command, "@partial", u.Partial);
        Bind(command, "@skipped", u.Skipped);
        Bind(command, "@feedbackJson", u.FeedbackJson);
        if (u.Artifacts is { } artifacts)
        {
            command.With("@artifacts", JsonSerializer.Serialize(artifacts.Value.Select(a => new { type = "file", path = a.Path, bytes = a.Bytes })));
        }
        if (u.AttemptDelta != 0 || u.AutoRetryDelta != 0 || u.ManualRetryDelta != 0 || u.RetryDelta != 0)
        {
            command.With("@attemptDelta", u.AttemptDelta).With("@autoRetryDelta", u.AutoRetryDelta)
                .With("@manualRetryDelta", u.ManualRetryDelta).With("@retryDelta", u.RetryDelta);
        }
        if (u.PromptTokens != 0 || u.CompletionTokens != 0 || u.CostNanos != 0)
        {
            command.With("@promptTokens", u.PromptTokens).With("@completionTokens", u.CompletionTokens).With("@costNanos", u.CostNanos);
        }
        return Task.FromResult(command.FirstOrDefault<ExecutionTask>());
    }

    private static void Bind<T>(Microsoft.Data.Sqlite.SqliteCommand command, string name, Set<T>? value)
    {
        if (value is { } set)
        {
            command.With(name, set.Value);
        }
    }

    private static int Shape(TaskUpdate u)
    {
        var bits = 0;
        void Bit(bool present, int bit) => bits |= present ? 1 << bit : 0;
        Bit(u.Attempt is not null, 0);
        Bit(u.RunnableAt is not null, 1);
        Bit(u.Lease is not null, 2);
        Bit(u.NotBefore is not null, 3);
        Bit(u.Error is not null, 4);
        Bit(u.CompletedAt is not null, 5);
        Bit(u.OutputText is not null, 6);
        Bit(u.ModelUsed is not null, 7);
        Bit(u.ModelTier is not null, 8);
        Bit(u.VerificationStatus is not null, 9);
        Bit(u.VerificationNotes is not null, 10);
        Bit(u.Partial is not null, 11);
        Bit(u.Skipped is not null, 12);
        Bit(u.FeedbackJson is not null, 13);
        Bit(u.Artifacts is not null, 14);
        Bit(u.AttemptDelta != 0 || u.AutoRetryDelta != 0 || u.ManualRetryDelta != 0 || u.RetryDelta != 0, 15);
        Bit(u.PromptTokens != 0 || u.CompletionTokens != 0 || u.CostNanos != 0, 16);
        Bit(u.ResetAutoRetries, 17);
        Bit(u.MarkStarted, 18);
        return bits;
    }

    private static string BuildUpdate(TaskUpdate u)
    {
        var set = new List<string> { "status = @to", "updated_at = @now" };
        void Column(bool present, string assignment)
        {
            if (present)
            {
                set.Add(assignment);
            }
        }
        Column(u.Lease is not null, "lease_owner = @leaseOwner, lease_expires_at = @leaseExpiresAt");
        Column(u.NotBefore is not null, "not_before = @notBefore");
        Column(u.Error is not null, "error = @error");
        Column(u.CompletedAt is not null, "completed_at = @completedAt");
        Column(u.OutputText is not null, "output_text = @outputText");
        Column(u.ModelUsed is not null, "model_used = @modelUsed");
        Column(u.ModelTier is not null, "model_tier = @modelTier");
        Column(u.VerificationStatus is not null, "verification_status = @verificationStatus");
        Column(u.VerificationNotes is not null, "verification_notes = @verificationNotes");
        Column(u.Partial is not null, "partial = @partial");
        Column(u.Skipped is not null, "skipped = @skipped");
        Column(u.FeedbackJson is not null, "feedback_json = @feedbackJson");
        Column(u.Artifacts is not null, "output_artifacts_json = @artifacts");
        Column(u.AttemptDelta != 0 || u.AutoRetryDelta != 0 || u.ManualRetryDelta != 0 || u.RetryDelta != 0,
            "attempt_count = attempt_count + @attemptDelta, manual_retries = manual_retries + @manualRetryDelta, " +
            "retry_count = retry_count + @retryDelta" + (u.ResetAutoRetries ? "" : ", auto_retries_used = auto_retries_used + @autoRetryDelta"));
        Column(u.ResetAutoRetries, "auto_retries_used = 0");
        Column(u.PromptTokens != 0 || u.CompletionTokens != 0 || u.CostNanos != 0,
            "prompt_tokens = prompt_tokens + @promptTokens, completion_tokens = completion_tokens + @completionTokens, cost_nanos = cost_nanos + @costNanos");
        Column(u.MarkStarted, "started_at = COALESCE(started_at, @now)");
        var sql = new StringBuilder($"UPDATE tasks SET {string.Join(", ", set)}\nWHERE id = @id AND status = @from");
        if (u.Attempt is not null)
        {
            sql.Append(" AND lease_owner = @owner AND attempt_count = @attempt");
        }
        if (u.RunnableAt is not null)
        {
            sql.Append(" AND (not_before IS NULL OR not_before <= @runnableAt)")
                .Append($" AND EXISTS (SELECT 1 FROM projects p WHERE p.id = tasks.project_id AND p.status = '{ProjectStatusNames.Executing}')");
        }
        sql.Append($"\nRETURNING {TaskColumns}");
        return sql.ToString();
    }
}
