namespace Orchestration.Engine.Tests.Models;

/// <summary>Ollama /api/chat bodies exactly as the server sends them.</summary>
internal static class OllamaWire
{
    public const string Model = "qwen2.5-coder:14b";

    /// <summary>A whole answer (stream false), or the last line of a stream (with empty content), carrying the usage.</summary>
    public static string Done(string content, long prompt = 26, long eval = 12) =>
        $$$$"""{"model":"{{{{Model}}}}","created_at":"2024-07-22T20:33:28.123648Z","message":{"role":"assistant","content":"{{{{content}}}}"},"done":true,"done_reason":"stop","total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":{{{{prompt}}}},"prompt_eval_duration":342546000,"eval_count":{{{{eval}}}},"eval_duration":4535599000}""";

    /// <summary>One ndjson line of a stream before the end.</summary>
    public static string Chunk(string content) =>
        $$$$"""{"model":"{{{{Model}}}}","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":"{{{{content}}}}"},"done":false}""";

    /// <summary>A streamed answer as ndjson lines: one per piece, then the done line with the usage.</summary>
    public static IEnumerable<string> TextStream(IEnumerable<string> pieces, long prompt = 26, long eval = 12) =>
        pieces.Select(Chunk).Append(Done("", prompt, eval)).Select(line => line + "\n");

    public static string Error(string message) => $$$$"""{"error":"{{{{message}}}}"}""";
}
