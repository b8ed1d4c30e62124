using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>
/// A loopback Anthropic Messages API that answers each request by what it is: verification (the verifier's
/// instructions), knowledge extraction (the extractor's), or a task's execution. Replies are real wire JSON.
/// </summary>
internal static class AnthropicScript
{
    public enum Kind { Execution, Verification, Knowledge }

    public static Task<LoopbackServer> StartAsync(Func<Kind, JsonElement, string> reply) =>
        LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            using var body = JsonDocument.Parse(await reader.ReadToEndAsync(c.RequestAborted));
            await LoopbackServer.WriteJsonAsync(c, 200, reply(KindOf(body.RootElement), body.RootElement));
        }));

    public static Kind KindOf(JsonElement body)
    {
        var system = body.TryGetProperty("system", out var s) ? s.GetRawText() : "";
        return system.Contains("You verify the output", StringComparison.Ordinal) ? Kind.Verification
            : system.Contains("You extract reusable knowledge", StringComparison.Ordinal) ? Kind.Knowledge
            : Kind.Execution;
    }

    /// <summary>The text of the first user message (the task prompt).</summary>
    public static string UserText(JsonElement body)
    {
        var content = body.GetProperty("messages")[0].GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()));
    }

    /// <summary>The system blocks' texts, in order.</summary>
    public static IReadOnlyList<string> SystemTexts(JsonElement body) =>
        !body.TryGetProperty("system", out var system) ? []
        : system.ValueKind == JsonValueKind.String ? [system.GetString()!]
        : system.EnumerateArray().Select(b => b.GetProperty("text").GetString()!).ToList();

    public static string Text(string text, long input = 200, long output = 100, string model = "claude-haiku-4-5-20251001") => Message(model,
        new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }), "end_turn", input, output);

    public static string ToolUse(string id, string name, JsonObject arguments, long input, long output) => Message("claude-haiku-4-5-20251001",
        new JsonArray(new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = arguments }), "tool_use", input, output);

    public static string Verdict(string verdict, string notes) => Text(new JsonObject { ["verdict"] = verdict, ["notes"] = notes }.ToJsonString(), 300, 40);

    public static string Findings(params (string Category, string Content)[] findings) => Text(new JsonObject
    {
        ["findings"] = new JsonArray([.. findings.Select(f => (JsonNode)new JsonObject { ["category"] = f.Category, ["content"] = f.Content })]),
    }.ToJsonString(), 300, 60);

    private static string Message(string model, JsonArray content, string stop, long input, long output) => new JsonObject
    {
        ["id"] = "msg_" + Guid.NewGuid().ToString("N")[..20],
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stop,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = input, ["output_tokens"] = output, ["cache_creation_input_tokens"] = 0, ["cache_read_input_tokens"] = 0 },
    }.ToJsonString();
}
