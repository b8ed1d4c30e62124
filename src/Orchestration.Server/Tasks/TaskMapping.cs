using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Tasks;

public static class TaskMapping
{
    public static TaskDto ToDto(this TaskView view)
    {
        var t = view.Task;
        return new TaskDto(
            t.Id, t.ProjectId, t.PlanId, (int)t.TaskIndex, t.Title, t.Description, t.Status, t.TaskType, t.Complexity, t.ModelTier,
            t.ModelUsed, Money.ToJson(t.CostNanos), (int)t.Wave, t.Phase, (int)t.Priority,
            [.. view.DependsOn], Strings(t.RequirementIdsJson), Strings(t.ToolsJson), t.VerificationCriteria, Strings(t.AffectedFilesJson),
            (int?)t.MaxTokens, t.PromptTokens, t.CompletionTokens, t.VerificationStatus, t.VerificationNotes, t.Error,
            t.OutputText, Array(t.OutputArtifactsJson), (int)t.RetryCount, t.StartedAt, t.CompletedAt, t.CreatedAt, t.UpdatedAt,
            t.Partial, t.Skipped, FeedbackLog.Read(t.FeedbackJson).Select(f => new TaskFeedbackDto(f.Source, f.Text, f.Timestamp)).ToList());
    }

    // NOTE: JSON columns are written by the engine; a damaged one reads as empty rather than failing the whole list.
    private static List<string> Strings(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonArray Array(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonArray ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
