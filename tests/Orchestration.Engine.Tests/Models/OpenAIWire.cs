namespace Orchestration.Engine.Tests.Models;

/// <summary>OpenAI chat completions bodies exactly as the service sends them.</summary>
internal static class OpenAIWire
{
    public static string Completion(string messageJson, string finish, int prompt = 100, int completion = 5, int cached = 40) =>
        $$$$"""
        {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,"model":"small-model",
         "choices":[{"index":0,"message":{{{{messageJson}}}},"logprobs":null,"finish_reason":"{{{{finish}}}}"}],
         "usage":{"prompt_tokens":{{{{prompt}}}},"completion_tokens":{{{{completion}}}},"total_tokens":{{{{prompt + completion}}}},"prompt_tokens_details":{"cached_tokens":{{{{cached}}}}}}}
        """;

    /// <summary>One server-sent event of a streamed completion.</summary>
    public static string Chunk(string delta, string finish = "null") =>
        $$$$"""data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1741569952,"model":"small-model","choices":[{"index":0,"delta":{{{{delta}}}},"finish_reason":{{{{finish}}}}}]}""" + "\n\n";

    /// <summary>A streamed answer: the role, one chunk per piece, the finish, the usage chunk (stream_options.include_usage) and [DONE].</summary>
    public static IEnumerable<string> TextStream(IEnumerable<string> pieces, int prompt, int completion)
    {
        yield return Chunk("""{"role":"assistant","content":""}""");
        foreach (var piece in pieces)
        {
            yield return Chunk($$"""{"content":"{{piece}}"}""");
        }
        yield return Chunk("{}", "\"stop\"");
        yield return $$$$"""data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1741569952,"model":"small-model","choices":[],"usage":{"prompt_tokens":{{{{prompt}}}},"completion_tokens":{{{{completion}}}},"total_tokens":{{{{prompt + completion}}}}}}""" + "\n\n";
        yield return "data: [DONE]\n\n";
    }

    public static string Error(string type, string code, string message) =>
        $$$$"""{"error":{"message":"{{{{message}}}}","type":"{{{{type}}}}","param":null,"code":"{{{{code}}}}"}}""";
}
