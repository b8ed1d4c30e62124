using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// A deliberately high estimate of a request's prompt tokens, for the worst-case reservation: one token per three
/// characters (real tokenizers average nearer four on prose), plus per-message framing and the tool schemas.
/// </summary>
internal static class PromptEstimator
{
    private const int CharsPerToken = 3;
    private const int PerMessageOverhead = 4;
    private const int PerRequestOverhead = 16;

    public static long Estimate(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        long chars = options?.Instructions?.Length ?? 0;
        long count = 0;
        foreach (var message in messages)
        {
            count++;
            foreach (var content in message.Contents)
            {
                chars += CharsOf(content);
            }
        }
        foreach (var tool in options?.Tools ?? [])
        {
            chars += tool.Name.Length + (tool.Description?.Length ?? 0);
            if (tool is AIFunctionDeclaration function)
            {
                chars += function.JsonSchema.GetRawText().Length;
            }
        }
        return (chars + CharsPerToken - 1) / CharsPerToken + count * PerMessageOverhead + PerRequestOverhead;
    }

    /// <summary>A plausible count for text a provider did not count itself (about four characters a token).</summary>
    public static long PlausibleTokens(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    internal static long CharsOf(AIContent content) => content switch
    {
        TextContent text => text.Text.Length,
        TextReasoningContent reasoning => reasoning.Text.Length,
        FunctionCallContent call => call.Name.Length + (call.Arguments is null ? 0 : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions).Length),
        FunctionResultContent result => result.Result switch
        {
            null => 0,
            string s => s.Length,
            var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions).Length,
        },
        DataContent data => data.Data.Length,
        _ => 0,
    };
}
