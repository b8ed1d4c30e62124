using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// Marks the end of the stable prefix — the system prompt, which carries the project knowledge and plan context —
/// with an ephemeral <c>cache_control</c>, so Anthropic caches tools + system across the calls of a project.
/// Instructions in the options are folded into the system message first: the SDK would append them after it.
/// The caller's messages are not modified.
/// </summary>
internal sealed class AnthropicPromptCachingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (marked, opts) = Mark(messages, options);
        return base.GetResponseAsync(marked, opts, cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (marked, opts) = Mark(messages, options);
        return base.GetStreamingResponseAsync(marked, opts, cancellationToken);
    }

    internal static (List<ChatMessage> Messages, ChatOptions? Options) Mark(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages.ToList();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            list.Insert(0, new ChatMessage(ChatRole.System, instructions));
            options = options.Clone();
            options.Instructions = null;
        }
        var index = list.FindLastIndex(m => m.Role == ChatRole.System);
        if (index < 0)
        {
            return (list, options);
        }
        var system = list[index];
        var lastText = system.Contents.ToList().FindLastIndex(c => c is TextContent);
        if (lastText < 0)
        {
            return (list, options);
        }
        var contents = system.Contents.ToList();
        var original = (TextContent)contents[lastText];
        var copy = new TextContent(original.Text);
        if (original.AdditionalProperties is { } extra)
        {
            copy.AdditionalProperties = new AdditionalPropertiesDictionary(extra);
        }
        contents[lastText] = copy.WithCacheControl(ttl: null);
        list[index] = new ChatMessage(ChatRole.System, contents) { AuthorName = system.AuthorName };
        return (list, options);
    }
}
