using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Notifications;

/// <summary>The JSON body of a delivery: {id, kind, event, project_id, task_id, timestamp, seq, message, data}.</summary>
internal static class NotificationPayload
{
    public static string Build(string deliveryId, string kind, StoredEvent e)
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(e.DataJson) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            data = new JsonObject();
        }
        var body = new JsonObject
        {
            ["id"] = deliveryId,
            ["kind"] = kind,
            ["event"] = e.Type,
            ["project_id"] = e.ProjectId,
            ["task_id"] = e.TaskId,
            ["timestamp"] = e.CreatedAt,
            ["seq"] = e.Seq,
            ["message"] = e.Message,
            ["data"] = data,
        };
        return body.ToJsonString();
    }
}
