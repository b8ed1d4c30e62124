using System.Text;
using System.Text.Json;

namespace Orchestration.Engine.Tools.Media;

/// <summary>Reads ComfyUI's answers: the /prompt reply (prompt_id, or error and node_errors) and a /history entry.</summary>
internal static class ComfyUIAnswers
{
    private const int MaxDetailChars = 600;

    /// <summary>The accepted job's id, or a <see cref="ToolException"/> saying why ComfyUI refused the workflow.</summary>
    public static string PromptId(JsonElement reply, string host)
    {
        if (reply.ValueKind != JsonValueKind.Object)
        {
            throw new ToolException($"ComfyUI ({host}) answered POST /prompt with JSON that is not an object.");
        }
        var nodeErrors = reply.TryGetProperty("node_errors", out var n) && n.ValueKind == JsonValueKind.Object
            ? n.EnumerateObject().ToList()
            : [];
        var hasError = reply.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null;
        if (nodeErrors.Count == 0 && !hasError &&
            reply.TryGetProperty("prompt_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } promptId)
        {
            return promptId;
        }
        throw new ToolException(Cap($"ComfyUI ({host}) refused the workflow: {Refusal(reply, nodeErrors)}"));
    }

    /// <summary>The job's first output image once it has finished; null while it is queued or running.</summary>
    /// <exception cref="ToolException">The job failed, or finished without an image.</exception>
    public static ComfyOutputFile? FinishedImage(JsonElement history, string promptId, string saveNode)
    {
        if (history.ValueKind != JsonValueKind.Object || !history.TryGetProperty(promptId, out var entry) || entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var status = entry.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        if (status.ValueKind == JsonValueKind.Object && Text(status, "status_str") == "error")
        {
            throw new ToolException(Cap($"ComfyUI failed while making the image: {ExecutionError(status)}"));
        }
        var images = entry.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Object
            ? outputs.EnumerateObject()
                .OrderBy(o => o.Name == saveNode ? 0 : 1)
                .SelectMany(o => o.Value.TryGetProperty("images", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [])
                .Where(i => i.ValueKind == JsonValueKind.Object && Text(i, "filename") is { Length: > 0 } && (Text(i, "type") ?? "output") == "output")
                .ToList()
            : [];
        if (images.Count > 0)
        {
            var image = images[0];
            return new ComfyOutputFile(Text(image, "filename")!, Text(image, "subfolder") ?? "", Text(image, "type") ?? "output");
        }
        var completed = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True;
        return completed ? throw new ToolException("ComfyUI finished the job but it produced no image.") : null;
    }

    private static string Refusal(JsonElement reply, List<JsonProperty> nodeErrors)
    {
        var text = new StringBuilder();
        if (reply.TryGetProperty("error", out var error))
        {
            text.Append(error.ValueKind == JsonValueKind.Object ? Text(error, "message") ?? "error" : error.ToString()).Append('.');
            if (error.ValueKind == JsonValueKind.Object && Text(error, "details") is { Length: > 0 } details)
            {
                text.Append(' ').Append(details);
            }
        }
        foreach (var node in nodeErrors)
        {
            var classType = Text(node.Value, "class_type") ?? "node";
            var problems = node.Value.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                ? string.Join("; ", list.EnumerateArray().Select(e => string.Join(": ", new[] { Text(e, "message"), Text(e, "details") }.Where(p => !string.IsNullOrEmpty(p)))))
                : "invalid";
            text.Append($" {classType} (node {node.Name}): {problems}.");
            if (classType == "CheckpointLoaderSimple")
            {
                text.Append(" The checkpoint is set by comfyui.default_checkpoint.");
            }
        }
        return text.Length > 0 ? text.ToString().Trim() : "no prompt_id in its answer.";
    }

    /// <summary>The execution_error message of a failed job's status, when it has one.</summary>
    private static string ExecutionError(JsonElement status)
    {
        if (status.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.ValueKind == JsonValueKind.Array && message.GetArrayLength() == 2 && message[0].ValueKind == JsonValueKind.String &&
                    message[0].GetString() == "execution_error" && message[1].ValueKind == JsonValueKind.Object)
                {
                    var node = Text(message[1], "node_type") is { } type ? $"{type} (node {Text(message[1], "node_id")}): " : "";
                    return node + (Text(message[1], "exception_message") ?? "an error").Trim();
                }
            }
        }
        return "the job ended with an error.";
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? value.ToString() : null
            : null;

    private static string Cap(string text) => text.Length <= MaxDetailChars ? text : text[..MaxDetailChars] + " …";
}
