namespace Orchestration.Engine.Tests.Models;

/// <summary>Anthropic Messages API bodies exactly as the service sends them.</summary>
internal static class AnthropicWire
{
    public static string TextMessage(string text, long input, long output, long cacheWrite = 0, long cacheRead = 0, string model = "claude-sonnet-4-6") =>
        $$$$"""
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"{{{{model}}}}",
         "content":[{"type":"text","text":"{{{{text}}}}"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":{{{{input}}}},"output_tokens":{{{{output}}}},"cache_creation_input_tokens":{{{{cacheWrite}}}},"cache_read_input_tokens":{{{{cacheRead}}}}}}
        """;

    public static string ToolUse(string id, string name, string inputJson) =>
        $$$$"""
        {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-6",
         "content":[{"type":"text","text":"I'll read the file."},{"type":"tool_use","id":"{{{{id}}}}","name":"{{{{name}}}}","input":{{{{inputJson}}}}}],
         "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":320,"output_tokens":45}}
        """;

    public static string Error(string type, string message) =>
        $$$$"""{"type":"error","error":{"type":"{{{{type}}}}","message":"{{{{message}}}}"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""";

    public const string ModelsPage =
        """{"data":[{"type":"model","id":"claude-sonnet-4-6","display_name":"Claude Sonnet 4.6","created_at":"2025-02-19T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-6","last_id":"claude-sonnet-4-6"}""";

    /// <summary>The SSE event sequence of a streamed text answer: message_start, content blocks, deltas, message_delta, message_stop.</summary>
    public static IEnumerable<string> TextStream(IEnumerable<string> pieces, long input, long output, long cacheRead = 0)
    {
        yield return Event("message_start",
            $$$$"""{"type":"message_start","message":{"id":"msg_stream_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":{{{{input}}}},"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":{{{{cacheRead}}}}}}}""");
        yield return Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");
        yield return Event("ping", """{"type": "ping"}""");
        foreach (var piece in pieces)
        {
            yield return Event("content_block_delta", $$$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{{piece}}}}"}}""");
        }
        yield return Event("content_block_stop", """{"type":"content_block_stop","index":0}""");
        yield return Event("message_delta", $$$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":{{{{output}}}}}}""");
        yield return Event("message_stop", """{"type":"message_stop"}""");
    }

    /// <summary>A streamed tool_use block: the input arrives as partial JSON deltas.</summary>
    public static IEnumerable<string> ToolUseStream(string id, string name, params string[] partialJson)
    {
        yield return Event("message_start",
            """{"type":"message_start","message":{"id":"msg_stream_2","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":400,"output_tokens":1}}}""");
        yield return Event("content_block_start", $$$$"""{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"{{{{id}}}}","name":"{{{{name}}}}","input":{}}}""");
        foreach (var part in partialJson)
        {
            yield return Event("content_block_delta", $$$$"""{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":{{{{System.Text.Json.JsonSerializer.Serialize(part)}}}}}}""");
        }
        yield return Event("content_block_stop", """{"type":"content_block_stop","index":0}""");
        yield return Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":30}}""");
        yield return Event("message_stop", """{"type":"message_stop"}""");
    }

    public static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";
}
