using System.Buffers;
using System.Text;
using System.Text.Json;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Events;

/// <summary>The wire form of an event: type, message, timestamp (epoch seconds), project_id, seq, task_id when set,
/// then the optional fields (cost_usd, tool, checkpoint_id, wave, next_wave, verification_notes, level, ...).</summary>
public static class EventJson
{
    public static string Serialize(StoredEvent e) => Encoding.UTF8.GetString(SerializeToUtf8(e).Span);

    /// <summary>The wire JSON as UTF-8, as it goes out on streams.</summary>
    public static ReadOnlyMemory<byte> SerializeToUtf8(StoredEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + e.Message.Length + e.DataJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", e.Type);
            writer.WriteString("message", e.Message);
            writer.WriteNumber("timestamp", e.CreatedAt);
            writer.WriteString("project_id", e.ProjectId);
            writer.WriteNumber("seq", e.Seq);
            writer.WriteNumber("run", e.Run);
            if (e.TaskId is not null)
            {
                writer.WriteString("task_id", e.TaskId);
            }
            using var data = JsonDocument.Parse(e.DataJson);
            foreach (var property in data.RootElement.EnumerateObject())
            {
                // The fixed fields above win over a data field of the same name.
                if (property.Name is not ("type" or "message" or "timestamp" or "project_id" or "seq" or "run" or "task_id"))
                {
                    property.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
