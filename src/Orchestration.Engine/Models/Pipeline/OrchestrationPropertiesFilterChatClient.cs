using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>Removes the <c>orch.*</c> keys before a real provider sees the options: some SDKs forward unknown
/// additional properties into the request body.</summary>
internal sealed class OrchestrationPropertiesFilterChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Strip(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Strip(options), cancellationToken);

    internal static ChatOptions? Strip(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.Keys.Any(IsOrchestrationKey))
        {
            return options;
        }
        var copy = options.Clone();
        var kept = new AdditionalPropertiesDictionary();
        foreach (var (key, value) in properties)
        {
            if (!IsOrchestrationKey(key))
            {
                kept[key] = value;
            }
        }
        copy.AdditionalProperties = kept.Count == 0 ? null : kept;
        return copy;
    }

    private static bool IsOrchestrationKey(string key) => key.StartsWith(ModelOptionKeys.Prefix, StringComparison.Ordinal);
}
