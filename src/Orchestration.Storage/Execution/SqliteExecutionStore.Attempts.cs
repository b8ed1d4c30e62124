using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution;

// One attempt's life: claim, then exactly one guarded outcome.
internal sealed partial class SqliteExecutionStore
{
    // NOTE: every outcome write names the attempt it belongs to; a cancelled, reclaimed or stale attempt matches nothing.
    private const string AttemptGuard =
        "id = @TaskId AND status = 'running' AND lease_owner = @Owner AND attempt_count = @Attempt";

    // More findings than any prompt can hold; the prompt builder takes the newest that fit.
    private const int MaxKnowledgeRead = 500;

    private const string ClaimSql =
        $"""
        UPDATE tasks SET status = 'running', lease_owner = @owner, lease_expires_at = @leaseUntil, not_before = NULL,
            attempt_count = attempt_count + 1, started_at = COALESCE(started_at, @now), updated_at = @now
        WHERE id = @taskId AND project_id = @projectId AND status = 'queued' AND (not_before IS NULL OR not_before <= @now)
          AND EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND status = 'executing')
        RETURNING {TaskColumns}
        """;

    // The plan's summary is read by SQLite itself: plans can be large and only the summary goes into the prompt.
    private const string ProjectContextSql =
        """
        SELECT p.owner_id, p.name, p.requirements,
               CASE WHEN json_valid(pl.plan_json) THEN json_extract(pl.plan_json, '$.summary') END AS plan_summary
        FROM projects p LEFT JOIN plans pl ON pl.id = @planId
        WHERE p.id = @projectId
        """;

    private const string DependencyOutputsSql =
        """
        SELECT t.id AS task_id, t.title, t.output_text, t.skipped
        FROM task_dependencies d JOIN tasks t ON t.id = d.depends_on_id
        WHERE d.task_id = @taskId ORDER BY t.task_index
        """;

    private static readonly string KnowledgeSql =
        $"""
        SELECT {KnowledgeRows.Columns} FROM project_knowledge WHERE project_id = @projectId
        ORDER BY created_at DESC, id DESC LIMIT {MaxKnowledgeRead}
        """;

    public Task<Committed<AttemptContext>?> ClaimAsync(string projectId, string taskId, string owner, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken) =>
        // NOTE: one transaction: the claim, what the attempt needs to run, and the event describing its prompt. Reading
        // inside the write costs less than a second connection and a second commit per task.
        database.WriteAsync((c, tx) => ClaimInTxAsync(c, tx, projectId, taskId, owner, leaseUntil, now, describe), cancellationToken);

    /// <summary>The claim itself (queued → running for <paramref name="owner"/>), with its events and the attempt's context.</summary>
    private static async Task<Committed<AttemptContext>?> ClaimInTxAsync(SqliteConnection c, IDbTransaction tx, string projectId, string taskId,
        string owner, double leaseUntil, double now, Func<AttemptContext, NewEvent>? describe)
    {
        var task = c.Prepared(tx, ClaimSql)
            .With("@owner", owner).With("@leaseUntil", leaseUntil).With("@now", now).With("@taskId", taskId).With("@projectId", projectId)
            .FirstOrDefault<ExecutionTask>();
        if (task is null)
        {
            return null;
        }
        var started = await AppendAsync(c, tx, now, projectId, "task_start", $"Started '{task.Title}'", taskId,
            new Dictionary<string, object?>
            {
                ["model_tier"] = task.ModelTier,
                ["attempt"] = task.AttemptCount,
                ["worker"] = owner.StartsWith(ExternalWorkers.OwnerPrefix, StringComparison.Ordinal) ? "external" : "executor",
            });
        var context = await ReadContextAsync(c, tx, new AttemptKey(projectId, taskId, owner, task.AttemptCount), task);
        if (describe is null)
        {
            return new Committed<AttemptContext>(context, [started]);
        }
        var described = await EventRows.AppendAsync(c, tx, describe(context), now);
        return new Committed<AttemptContext>(context, [started, described]);
    }

    /// <summary>The project, the outputs of the task's dependencies and the project's knowledge.</summary>
    private static Task<AttemptContext> ReadContextAsync(SqliteConnection c, IDbTransaction tx, AttemptKey key, ExecutionTask task)
    {
        var project = c.Prepared(tx, ProjectContextSql).With("@projectId", key.ProjectId).With("@planId", task.PlanId)
            .FirstOrDefault<ProjectContextRow>() ?? throw new InvalidOperationException($"Project {key.ProjectId} vanished inside its own claim.");
        var dependencies = c.Prepared(tx, DependencyOutputsSql).With("@taskId", key.TaskId).ToList<DependencyRow>()
            .Select(d => new DependencyOutput(d.TaskId, d.Title, d.Skipped ? null : d.OutputText, d.Skipped)).ToList();
        var knowledge = c.Prepared(tx, KnowledgeSql).With("@projectId", key.ProjectId).ToList<KnowledgeRecord>();
        return Task.FromResult(new AttemptContext(key, task, project.OwnerId, project.Name, project.Requirements, project.PlanSummary, dependencies)
        {
            Knowledge = knowledge,
        });
    }

    public async Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now,
        CancellationToken cancellationToken) =>
        await database.WriteAsync((c, tx) => c.ExecuteAsync(
            """
            UPDATE tasks SET prompt_tokens = prompt_tokens + @promptTokens, completion_tokens = completion_tokens + @completionTokens,
                cost_nanos = cost_nanos + @costNanos, updated_at = @now
            WHERE id = @TaskId AND attempt_count = @Attempt
            """, new { promptTokens, completionTokens, costNanos, now, key.TaskId, key.Attempt }, tx), cancellationToken) == 1;

    public Task<Committed<bool>?> ScheduleRetryAsync(AttemptKey key, double notBefore, string error, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<RetryRow>(
                $"""
                UPDATE tasks SET status = 'queued', not_before = @notBefore, error = @error, lease_owner = NULL, lease_expires_at = NULL,
                    auto_retries_used = auto_retries_used + 1, retry_count = retry_count + 1, updated_at = @now
                WHERE {AttemptGuard}
                RETURNING title, auto_retries_used
                """, new { notBefore, error, now, key.TaskId, key.Owner, key.Attempt }, tx);
            if (row is not { } r)
            {
                return null;
            }
            var delay = Math.Max(0, notBefore - now);
            var e = await AppendAsync(c, tx, now, key.ProjectId, "task_retry",
                $"'{r.Title}' attempt {key.Attempt} failed; automatic retry {r.AutoRetriesUsed} in {delay:0.#} s", key.TaskId,
                new Dictionary<string, object?> { ["retry"] = r.AutoRetriesUsed, ["not_before"] = notBefore, ["reason"] = "transient_failure" });
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    public Task<Committed<IReadOnlyList<string>>?> FailAsync(AttemptKey key, string error, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<IReadOnlyList<string>>?>(async (c, tx) =>
        {
            var title = await c.ExecuteScalarAsync<string?>(
                $"""
                UPDATE tasks SET status = 'failed', error = @error, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
                WHERE {AttemptGuard}
                RETURNING title
                """, new { error, now, key.TaskId, key.Owner, key.Attempt }, tx);
            if (title is null)
            {
                return null;
            }
            var blocked = await BlockDownstreamAsync(c, tx, key.TaskId, now);
            var e = await AppendAsync(c, tx, now, key.ProjectId, "task_failed",
                $"'{title}' failed after {key.Attempt} attempts" + (blocked.Count > 0 ? $"; {blocked.Count} dependent tasks blocked" : ""),
                key.TaskId, new Dictionary<string, object?> { ["blocked_task_ids"] = blocked });
            return new Committed<IReadOnlyList<string>>(blocked, [e]);
        }, cancellationToken);

    public Task<Committed<bool>?> RequeueAsync(AttemptKey key, string reason, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            var title = await RequeueRowAsync(c, tx, key, now);
            if (title is null)
            {
                return null;
            }
            var e = await AppendAsync(c, tx, now, key.ProjectId, "task_interrupted", $"'{title}' was interrupted ({reason}); it will run again",
                key.TaskId, new Dictionary<string, object?> { ["reason"] = reason });
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    public Task<Committed<bool>?> HoldForBudgetAsync(AttemptKey key, BudgetStop stop, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            var title = await UnclaimRowAsync(c, tx, key, null, now);
            if (title is null)
            {
                return null;
            }
            var e = await AppendAsync(c, tx, now, key.ProjectId, "task_waiting",
                $"'{title}' waits for budget: the {stop.Scope} budget of ${stop.LimitUsd:0.00} is exhausted", key.TaskId,
                new Dictionary<string, object?> { ["reason"] = "budget", ["scope"] = stop.Scope, ["limit_usd"] = stop.LimitUsd });
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    public Task<Committed<bool>?> DeferAsync(AttemptKey key, double notBefore, NewEvent? announcement, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            if (await UnclaimRowAsync(c, tx, key, notBefore, now) is null)
            {
                return null;
            }
            return new Committed<bool>(true, announcement is null ? [] : [await EventRows.AppendAsync(c, tx, announcement, now)]);
        }, cancellationToken);

    public Task<Committed<Projects.Project?>?> PauseForBudgetAsync(string projectId, string? taskId, BudgetStop stop, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Projects.Project?>?>(async (c, tx) =>
        {
            if (!await IsExecutingAsync(c, tx, projectId))
            {
                return null;
            }
            var project = await Projects.SqliteProjectStore.TransitionAsync(c, tx, projectId, ProjectStatus.Paused, $"budget exhausted ({stop.Scope})", now);
            var e = await AppendAsync(c, tx, now, projectId, "budget_warning",
                $"The {stop.Scope} budget of ${stop.LimitUsd:0.00} is exhausted and nothing else can run; execution paused. Raise the cap and execute to resume.",
                taskId, new Dictionary<string, object?> { ["level"] = "exhausted", ["scope"] = stop.Scope, ["limit_usd"] = stop.LimitUsd, ["detail"] = stop.Message });
            return new Committed<Projects.Project?>(project, [e]);
        }, cancellationToken);

    public Task<Committed<IReadOnlyList<string>>> RecoverInterruptedAsync(string owner, bool onlyExpired, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var rows = (await c.QueryAsync<(string Id, string ProjectId, string Title)>(
                """
                UPDATE tasks SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, not_before = NULL, updated_at = @now
                WHERE status = 'running' AND (lease_owner IS NULL OR lease_owner <> @owner)
                  AND (@onlyExpired = 0 OR lease_expires_at IS NULL OR lease_expires_at < @now)
                  -- An external worker's claim outlives a restart of this server; it ends when its lease does.
                  AND (lease_owner IS NULL OR lease_owner NOT LIKE 'external:%' OR lease_expires_at IS NULL OR lease_expires_at < @now)
                RETURNING id, project_id, title
                """, new { owner, onlyExpired, now }, tx)).AsList();
            var events = new List<StoredEvent>();
            foreach (var row in rows)
            {
                events.Add(await AppendAsync(c, tx, now, row.ProjectId, "task_interrupted",
                    onlyExpired ? $"'{row.Title}' was interrupted (its lease expired); it will run again" : $"'{row.Title}' was interrupted (server restart); it will run again",
                    row.Id, new Dictionary<string, object?> { ["reason"] = onlyExpired ? "lease_expired" : "restart" }));
            }
            return new Committed<IReadOnlyList<string>>(rows.Select(r => r.ProjectId).Distinct().ToList(), events);
        }, cancellationToken);

    public Task RenewLeasesAsync(string owner, double leaseUntil, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE tasks SET lease_expires_at = @leaseUntil WHERE status = 'running' AND lease_owner = @owner",
            new { leaseUntil, owner }, tx), cancellationToken);

    private static Task<string?> RequeueRowAsync(SqliteConnection c, IDbTransaction tx, AttemptKey key, double now) =>
        c.ExecuteScalarAsync<string?>(
            $"""
            UPDATE tasks SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, not_before = NULL, updated_at = @now
            WHERE {AttemptGuard}
            RETURNING title
            """, new { now, key.TaskId, key.Owner, key.Attempt }, tx);

    /// <summary>Back to the queue as if the attempt never started (it did not run its model): the attempt number is
    /// given back, so deferrals use up no retries.</summary>
    private static Task<string?> UnclaimRowAsync(SqliteConnection c, IDbTransaction tx, AttemptKey key, double? notBefore, double now) =>
        c.ExecuteScalarAsync<string?>(
            $"""
            UPDATE tasks SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, not_before = @notBefore,
                attempt_count = attempt_count - 1, updated_at = @now
            WHERE {AttemptGuard}
            RETURNING title
            """, new { notBefore, now, key.TaskId, key.Owner, key.Attempt }, tx);

    /// <summary>Blocks every waiting task downstream of <paramref name="taskId"/> (the readiness rule, transitively).</summary>
    private static async Task<IReadOnlyList<string>> BlockDownstreamAsync(SqliteConnection c, IDbTransaction tx, string taskId, double now) =>
        (await c.QueryAsync<string>(
            """
            WITH RECURSIVE down(id) AS (
                SELECT task_id FROM task_dependencies WHERE depends_on_id = @taskId
                UNION
                SELECT d.task_id FROM task_dependencies d JOIN down ON d.depends_on_id = down.id
            )
            UPDATE tasks SET status = 'blocked', not_before = NULL, updated_at = @now
            WHERE id IN (SELECT id FROM down) AND +status IN ('pending', 'queued')
            RETURNING id
            """, new { taskId, now }, tx)).AsList();

    private sealed class ProjectContextRow
    {
        public string OwnerId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Requirements { get; init; } = "";
        public string? PlanSummary { get; init; }
    }

    private sealed class DependencyRow
    {
        public string TaskId { get; init; } = "";
        public string Title { get; init; } = "";
        public string? OutputText { get; init; }
        public bool Skipped { get; init; }
    }

    private sealed class RetryRow
    {
        public string Title { get; init; } = "";
        public long AutoRetriesUsed { get; init; }
    }
}
