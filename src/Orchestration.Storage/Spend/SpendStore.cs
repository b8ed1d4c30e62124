using System.Data;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Spend;

namespace Orchestration.Storage.Spend;

/// <summary>The cost-report reads on either backend (the SQL reads the same). A run's calls are found by time: events
/// carry their run, usage rows do not, and runs of a project never overlap.</summary>
internal sealed class SpendStore(ISqlDatabase database) : ISpendStore
{
    private const string CallColumns =
        "u.task_id, u.purpose, u.provider, u.model, u.prompt_tokens, u.completion_tokens, u.cache_write_tokens, u.cache_read_tokens, u.cost_nanos";

    // Planning calls come before the approval that starts the work; every scenario leaves them out.
    private static readonly string Planning = CallPurpose.Planning.ToWire();

    private const string TaskColumns = "t.id, t.title, t.task_type, t.complexity, t.model_tier";

    public Task<long?> FindRunAsync(string userId, string projectId, long? run, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"""
            SELECT MAX(e.run) FROM events e JOIN projects p ON p.id = e.project_id
            WHERE e.project_id = @projectId AND p.owner_id = @userId AND e.run > 0 {(run is null ? "" : "AND e.run = @run")}
            """, new { userId, projectId, run }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<SpendCalls> GetRunCallsAsync(string projectId, long run, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            const string Window =
                """
                u.project_id = @projectId AND u.purpose <> @planning
                AND u.created_at >= (SELECT MIN(created_at) FROM events WHERE project_id = @projectId AND run = @run)
                AND (NOT EXISTS (SELECT 1 FROM events WHERE project_id = @projectId AND run > @run)
                     OR u.created_at < (SELECT MIN(created_at) FROM events WHERE project_id = @projectId AND run > @run))
                """;
            return await ReadAsync(c, Window, new { projectId, run, planning = Planning }, cancellationToken);
        }, cancellationToken);

    public Task<SpendCalls> GetCallsAsync(double from, double to, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ReadAsync(c, "u.created_at >= @from AND u.created_at < @to AND u.purpose <> @planning",
            new { from, to, planning = Planning }, cancellationToken), cancellationToken);

    private static async Task<SpendCalls> ReadAsync(IDbConnection c, string where, object parameters, CancellationToken cancellationToken)
    {
        var calls = await c.QueryAsync<CallRow>(new CommandDefinition(
            $"SELECT {CallColumns} FROM usage_records u WHERE {where} ORDER BY u.created_at, u.id", parameters, cancellationToken: cancellationToken));
        var tasks = await c.QueryAsync<TaskRow>(new CommandDefinition(
            $"SELECT DISTINCT {TaskColumns} FROM tasks t JOIN usage_records u ON u.task_id = t.id WHERE {where}", parameters,
            cancellationToken: cancellationToken));
        return new SpendCalls(
            calls.Select(r => ObservedCall.FromUsageRow(r.TaskId, WireNames.Parse<CallPurpose>(r.Purpose), r.Provider, r.Model, r.PromptTokens,
                r.CompletionTokens, r.CacheWriteTokens, r.CacheReadTokens, r.CostNanos)).ToList(),
            tasks.ToDictionary(t => t.Id, t => new SpendTask(t.Id, t.Title, t.TaskType, t.Complexity, WireNames.Parse<ModelTier>(t.ModelTier)),
                StringComparer.Ordinal));
    }

    private sealed class CallRow
    {
        public string? TaskId { get; init; }
        public string Purpose { get; init; } = "";
        public string Provider { get; init; } = "";
        public string Model { get; init; } = "";
        public long PromptTokens { get; init; }
        public long CompletionTokens { get; init; }
        public long CacheWriteTokens { get; init; }
        public long CacheReadTokens { get; init; }
        public long CostNanos { get; init; }
    }

    private sealed class TaskRow
    {
        public string Id { get; init; } = "";
        public string Title { get; init; } = "";
        public string TaskType { get; init; } = "";
        public string Complexity { get; init; } = "";
        public string ModelTier { get; init; } = "";
    }
}
