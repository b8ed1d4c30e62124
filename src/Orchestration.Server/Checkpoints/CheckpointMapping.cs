using System.Text.Json;
using Orchestration.Storage.Checkpoints;

namespace Orchestration.Server.Checkpoints;

public static class CheckpointMapping
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static CheckpointDto ToDto(this CheckpointRecord c) => new(
        c.Id, c.ProjectId, c.TaskId, c.TaskTitle, c.CheckpointType, c.Summary, Read<CheckpointAttemptDto>(c.AttemptsJson),
        Read<string>(c.ErrorsJson), c.Question, c.Response, c.Resolution, c.CreatedAt, c.ResolvedAt);

    // NOTE: the JSON columns are written by the engine; a damaged one reads as empty rather than failing the list.
    private static List<T> Read<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<T>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
