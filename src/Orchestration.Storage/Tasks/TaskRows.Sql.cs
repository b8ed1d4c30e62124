using Orchestration.Core.Domain;

namespace Orchestration.Storage.Tasks;

internal static partial class TaskRows
{
    private const string OwnedJoin = "JOIN projects p ON p.id = t.project_id AND p.owner_id = @ownerId";

    private const string Columns =
        "t.id, t.project_id, t.plan_id, t.task_index, t.title, t.description, t.task_type, t.complexity, t.status, t.model_tier, " +
        "t.model_used, t.priority, t.wave, t.phase, t.tools_json, t.requirement_ids_json, t.verification_criteria, " +
        "t.affected_files_json, t.max_tokens, t.prompt_tokens, t.completion_tokens, t.cost_nanos, {output}, " +
        "t.output_artifacts_json, t.verification_status, t.verification_notes, t.error, t.retry_count, t.attempt_count, " +
        "t.feedback_json, t.partial, t.skipped, t.lease_owner, t.lease_expires_at, t.not_before, t.started_at, t.completed_at, t.created_at, t.updated_at";

    private static string SelectColumns(bool excludeOutput) =>
        Columns.Replace("{output}", excludeOutput ? "NULL AS output_text" : "t.output_text", StringComparison.Ordinal);

    /// <summary>The ORDER BY of a query; every order ends in plan order so pages are stable.</summary>
    private static string OrderBy(TaskQuery query)
    {
        var descending = query.Descending ?? query.Sort is TaskSort.Priority or TaskSort.CreatedAt;
        var direction = descending ? "DESC" : "ASC";
        var primary = query.Sort switch
        {
            TaskSort.Priority => $"t.priority {direction}",
            TaskSort.CreatedAt => $"t.created_at {direction}",
            TaskSort.Status => $"{StatusRank} {direction}",
            _ => $"t.wave {direction}",
        };
        return $"{primary}, t.wave, t.task_index, t.id";
    }

    // Statuses in lifecycle order (the enum's order), not alphabetically.
    private static readonly string StatusRank =
        "CASE t.status " + string.Concat(Enum.GetValues<TaskItemStatus>().Select((s, i) => $"WHEN '{s.ToWire()}' THEN {i} ")) + "ELSE 99 END";

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
