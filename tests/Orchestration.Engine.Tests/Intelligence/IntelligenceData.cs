using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Review;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Tasks;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>Reads and shapes the rows intelligence tests look at, on an <see cref="EngineHarness"/>'s database.</summary>
internal static class IntelligenceData
{
    public static async Task SetTaskAsync(this EngineHarness harness, string taskId, string? description = null, string[]? tools = null,
        string? tier = null, int? maxTokens = null)
    {
        await using var c = await harness.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(
            """
            UPDATE tasks SET description = COALESCE(@description, description), tools_json = COALESCE(@tools, tools_json),
                model_tier = COALESCE(@tier, model_tier), max_tokens = COALESCE(@maxTokens, max_tokens)
            WHERE id = @taskId
            """, new { taskId, description, tools = tools is null ? null : JsonSerializer.Serialize(tools), tier, maxTokens });
    }

    public static async Task<TaskRecord> TaskAsync(this EngineHarness harness, string taskId)
    {
        await using var c = await harness.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        return await c.QuerySingleAsync<TaskRecord>("SELECT * FROM tasks WHERE id = @taskId", new { taskId });
    }

    public static async Task<T> ScalarAsync<T>(this EngineHarness harness, string sql, object? args = null)
    {
        await using var c = await harness.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("No value for: " + sql);
    }

    public static async Task<List<string>> ColumnAsync(this EngineHarness harness, string sql, object? args = null)
    {
        await using var c = await harness.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        return (await c.QueryAsync<string>(sql, args)).AsList();
    }

    public static IReviewControl Review(this EngineHarness harness) => harness.Services.GetRequiredService<IReviewControl>();

    public static async Task<IReadOnlyList<CheckpointRecord>> CheckpointsAsync(this EngineHarness harness, string user, string project) =>
        await harness.Services.GetRequiredService<ICheckpointStore>().ListAsync(user, project, includeResolved: true, CancellationToken.None) ?? [];

    public static async Task<IReadOnlyList<KnowledgeRecord>> KnowledgeAsync(this EngineHarness harness, string user, string project) =>
        await harness.Services.GetRequiredService<IKnowledgeStore>().ListAsync(user, project, new KnowledgeFilter(), CancellationToken.None) ?? [];

    /// <summary>A string array field of an event's data (e.g. knowledge_ids).</summary>
    public static IReadOnlyList<string> Strings(this Storage.Events.StoredEvent e, string field)
    {
        using var data = JsonDocument.Parse(e.DataJson);
        return data.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : [];
    }

    public static string? Field(this Storage.Events.StoredEvent e, string field)
    {
        using var data = JsonDocument.Parse(e.DataJson);
        return data.RootElement.TryGetProperty(field, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText() : null;
    }

    /// <summary>Config for the offline simulated provider, answering at once, with verification and knowledge on.</summary>
    public static void Simulated(Core.Configuration.OrchestrationConfig config)
    {
        config.Providers.Default = "simulated";
        config.Simulated.LatencyMs = 0;
        config.Simulated.LatencyJitterMs = 0;
        config.Execution.VerificationEnabled = true;
        config.Execution.KnowledgeExtractionEnabled = true;
        config.Execution.CheckpointOnRetryExhausted = true;
    }
}
