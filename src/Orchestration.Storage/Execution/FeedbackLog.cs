using System.Text.Json;

namespace Orchestration.Storage.Execution;

/// <summary>The feedback_json column: the latest entries only (3, the ones a prompt carries: README, "How a task
/// runs"), oldest first.</summary>
public static class FeedbackLog
{
    public const int Keep = 3;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IReadOnlyList<FeedbackEntry> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<FeedbackEntry>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            // A damaged column loses its history rather than failing the task.
            return [];
        }
    }

    public static string Append(string? json, FeedbackEntry entry) =>
        JsonSerializer.Serialize(Read(json).Append(entry).TakeLast(Keep).ToList(), Json);
}
