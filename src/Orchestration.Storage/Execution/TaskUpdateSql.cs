using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Execution;

/// <summary>
/// The statement of a guarded task write (<see cref="TaskUpdate"/>) and its parameters, in SQL that SQLite and
/// PostgreSQL both run: one UPDATE ... RETURNING per shape of update (which guards and columns it has), so each shape
/// is built once and a backend can keep it prepared.
/// </summary>
internal static class TaskUpdateSql
{
    private static readonly ConcurrentDictionary<int, string> Statements = new();

    public static string For(TaskUpdate u) => Statements.GetOrAdd(Shape(u), _ => Build(u));

    /// <summary>The values the statement of <paramref name="u"/> names, with their parameter names.</summary>
    public static IEnumerable<(string Name, object? Value)> Parameters(TaskUpdate u, double now)
    {
        yield return ("@id", u.TaskId);
        yield return ("@from", u.From.ToWire());
        yield return ("@to", u.To.ToWire());
        yield return ("@now", now);
        if (u.Attempt is { } key)
        {
            yield return ("@owner", key.Owner);
            yield return ("@attempt", key.Attempt);
        }
        if (u.RunnableAt is { } at)
        {
            yield return ("@runnableAt", at);
        }
        if (u.Lease is { } lease)
        {
            yield return ("@leaseOwner", lease.Value.Owner);
            yield return ("@leaseExpiresAt", lease.Value.ExpiresAt);
        }
        foreach (var (name, set) in Sets(u))
        {
            yield return (name, set);
        }
        if (u.Artifacts is { } artifacts)
        {
            yield return ("@artifacts", JsonSerializer.Serialize(artifacts.Value.Select(a => new { type = "file", path = a.Path, bytes = a.Bytes })));
        }
        if (HasCounters(u))
        {
            yield return ("@attemptDelta", u.AttemptDelta);
            yield return ("@autoRetryDelta", u.AutoRetryDelta);
            yield return ("@manualRetryDelta", u.ManualRetryDelta);
            yield return ("@retryDelta", u.RetryDelta);
        }
        if (HasSpend(u))
        {
            yield return ("@promptTokens", u.PromptTokens);
            yield return ("@completionTokens", u.CompletionTokens);
            yield return ("@costNanos", u.CostNanos);
        }
    }

    // The Set<T> columns that are given, as (parameter, value).
    private static IEnumerable<(string Name, object? Value)> Sets(TaskUpdate u) =>
        new (string Name, bool Given, object? Value)[]
        {
            ("@notBefore", u.NotBefore is not null, u.NotBefore?.Value),
            ("@error", u.Error is not null, u.Error?.Value),
            ("@completedAt", u.CompletedAt is not null, u.CompletedAt?.Value),
            ("@outputText", u.OutputText is not null, u.OutputText?.Value),
            ("@modelUsed", u.ModelUsed is not null, u.ModelUsed?.Value),
            ("@modelTier", u.ModelTier is not null, u.ModelTier?.Value),
            ("@verificationStatus", u.VerificationStatus is not null, u.VerificationStatus?.Value),
            ("@verificationNotes", u.VerificationNotes is not null, u.VerificationNotes?.Value),
            ("@partial", u.Partial is not null, u.Partial?.Value),
            ("@skipped", u.Skipped is not null, u.Skipped?.Value),
            ("@feedbackJson", u.FeedbackJson is not null, u.FeedbackJson?.Value),
        }.Where(s => s.Given).Select(s => (s.Name, s.Value));

    private static bool HasCounters(TaskUpdate u) => u.AttemptDelta != 0 || u.AutoRetryDelta != 0 || u.ManualRetryDelta != 0 || u.RetryDelta != 0;

    private static bool HasSpend(TaskUpdate u) => u.PromptTokens != 0 || u.CompletionTokens != 0 || u.CostNanos != 0;

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
        Bit(HasCounters(u), 15);
        Bit(HasSpend(u), 16);
        Bit(u.ResetAutoRetries, 17);
        Bit(u.MarkStarted, 18);
        return bits;
    }

    private static string Build(TaskUpdate u)
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
        Column(HasCounters(u),
            "attempt_count = attempt_count + @attemptDelta, manual_retries = manual_retries + @manualRetryDelta, " +
            "retry_count = retry_count + @retryDelta" + (u.ResetAutoRetries ? "" : ", auto_retries_used = auto_retries_used + @autoRetryDelta"));
        Column(u.ResetAutoRetries, "auto_retries_used = 0");
        Column(HasSpend(u),
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
                // A pending re-plan holds new starts: checked in the claim itself, so no task starts after the hold commits.
                .Append($" AND EXISTS (SELECT 1 FROM projects p WHERE p.id = tasks.project_id AND p.status = '{ProjectStatusNames.Executing}'")
                .Append(" AND p.replan_hold_since IS NULL)");
        }
        sql.Append($"\nRETURNING {ExecutionSql.TaskColumns}");
        return sql.ToString();
    }
}
