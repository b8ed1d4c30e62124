using System.Data;
using System.Globalization;
using Dapper;

namespace Orchestration.Storage.Usage;

/// <summary>The usage reads of every backend on an open connection.</summary>
internal static class UsageQueries
{
    public static async Task<UsageSummary> SummaryAsync(IDbConnection c, string? userId, string? projectId, CancellationToken cancellationToken)
    {
        var rows = (await c.QueryAsync<GroupRow>(new CommandDefinition(
            $"""
            SELECT provider, model, COUNT(*) AS calls, SUM(prompt_tokens) AS prompt_tokens,
                   SUM(completion_tokens) AS completion_tokens, SUM(cost_nanos) AS cost_nanos,
                   SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens
            FROM usage_records
            WHERE 1 = 1 {UserFilter(userId)} {(projectId is null ? "" : "AND project_id = @projectId")}
            GROUP BY provider, model
            """, new { userId, projectId }, cancellationToken: cancellationToken))).ToList();

        var byModel = rows.GroupBy(r => r.Model, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new ModelUsage(g.Sum(r => r.Calls), g.Sum(r => r.PromptTokens), g.Sum(r => r.CompletionTokens), g.Sum(r => r.CostNanos)),
            StringComparer.Ordinal);
        var byProvider = rows.GroupBy(r => r.Provider, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new ProviderUsage(g.Sum(r => r.Calls), g.Sum(r => r.CostNanos)),
            StringComparer.Ordinal);
        return new UsageSummary(
            rows.Sum(r => r.CostNanos), rows.Sum(r => r.PromptTokens), rows.Sum(r => r.CompletionTokens), rows.Sum(r => r.Calls),
            byModel, byProvider)
        {
            CacheReadTokens = rows.Sum(r => r.CacheReadTokens),
            CacheWriteTokens = rows.Sum(r => r.CacheWriteTokens),
        };
    }

    public static async Task<IReadOnlyList<DailyUsage>> DailyAsync(
        IDbConnection c, SqlDialect dialect, string? userId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var from = Epoch(firstDay);
        var to = Epoch(lastDay.AddDays(1));
        var rows = (await c.QueryAsync<DayRow>(new CommandDefinition(
            $"""
            SELECT {dialect.DayOf("created_at")} AS day, COUNT(*) AS calls, SUM(cost_nanos) AS cost_nanos,
                   SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens
            FROM usage_records
            WHERE created_at >= @from AND created_at < @to {UserFilter(userId)}
            GROUP BY day
            """, new { from, to, userId }, cancellationToken: cancellationToken))).ToDictionary(r => r.Day, StringComparer.Ordinal);

        var days = new List<DailyUsage>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            days.Add(rows.TryGetValue(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out var r)
                ? new DailyUsage(day, r.Calls, r.CostNanos, r.PromptTokens, r.CompletionTokens)
                : new DailyUsage(day, 0, 0, 0, 0));
        }
        return days;
    }

    public static async Task<IReadOnlyList<ProjectUsage>> ByProjectAsync(IDbConnection c, string? userId, CancellationToken cancellationToken)
    {
        // The current name while the project exists; the name recorded with its usage once it is deleted.
        var rows = await c.QueryAsync<ProjectRow>(new CommandDefinition(
            $"""
            SELECT u.project_id, COALESCE(p.name, MAX(u.project_name), '') AS project_name, SUM(u.cost_nanos) AS cost_nanos,
                   SUM(u.prompt_tokens) AS prompt_tokens, SUM(u.completion_tokens) AS completion_tokens, COUNT(*) AS calls,
                   SUM(u.cache_read_tokens) AS cache_read_tokens, SUM(u.cache_write_tokens) AS cache_write_tokens
            FROM usage_records u LEFT JOIN projects p ON p.id = u.project_id
            WHERE u.project_id IS NOT NULL {UserFilter(userId, "u.")}
            GROUP BY u.project_id, p.name
            ORDER BY cost_nanos DESC, project_name, u.project_id
            """, new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => new ProjectUsage(r.ProjectId, r.ProjectName, r.CostNanos, r.PromptTokens, r.CompletionTokens, r.Calls)
        {
            CacheReadTokens = r.CacheReadTokens,
            CacheWriteTokens = r.CacheWriteTokens,
        }).ToList();
    }

    public static Task<bool> CanSeeProjectAsync(IDbConnection c, string? userId, string projectId, CancellationToken cancellationToken) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition(
            userId is null
                ? """
                  SELECT EXISTS (SELECT 1 FROM projects WHERE id = @projectId)
                      OR EXISTS (SELECT 1 FROM usage_records WHERE project_id = @projectId)
                  """
                : """
                  SELECT EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND owner_id = @userId)
                      OR (NOT EXISTS (SELECT 1 FROM projects WHERE id = @projectId)
                          AND EXISTS (SELECT 1 FROM usage_records WHERE project_id = @projectId AND user_id = @userId))
                  """,
            new { userId, projectId }, cancellationToken: cancellationToken));

    // Two query shapes rather than "@userId IS NULL OR ...", so that the user's index is used when it applies.
    private static string UserFilter(string? userId, string alias = "") => userId is null ? "" : $"AND {alias}user_id = @userId";

    private static double Epoch(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    private sealed class GroupRow
    {
        public string Provider { get; init; } = "";
        public string Model { get; init; } = "";
        public long Calls { get; init; }
        public long PromptTokens { get; init; }
        public long CompletionTokens { get; init; }
        public long CostNanos { get; init; }
        public long CacheReadTokens { get; init; }
        public long CacheWriteTokens { get; init; }
    }

    private sealed class DayRow
    {
        public string Day { get; init; } = "";
        public long Calls { get; init; }
        public long CostNanos { get; init; }
        public long PromptTokens { get; init; }
        public long CompletionTokens { get; init; }
    }

    private sealed class ProjectRow
    {
        public string ProjectId { get; init; } = "";
        public string ProjectName { get; init; } = "";
        public long CostNanos { get; init; }
        public long PromptTokens { get; init; }
        public long CompletionTokens { get; init; }
        public long Calls { get; init; }
        public long CacheReadTokens { get; init; }
        public long CacheWriteTokens { get; init; }
    }
}
