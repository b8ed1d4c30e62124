using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// Marks the end of each system message — the stable prefix (instructions, requirements, plan) and, after it, the
/// project knowledge that grows as tasks complete — with an ephemeral <c>cache_control</c>, so Anthropic caches tools
/// + system across the calls of a project, and the stable part still hits when the knowledge changed. At most
/// <see cref="MaxBreakpoints"/> are marked (the API allows four). Instructions in the options are folded into the
/// system message first: the SDK would append them after it. The caller's messages are not modified.
/// </summary>
internal sealed class AnthropicPromptCachingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public const int MaxBreakpoints = 3;

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
        var marked = 0;
        for (var index = list.Count - 1; index >= 0 && marked < MaxBreakpoints; index--)
        {
            if (list[index].Role == ChatRole.System && Marked(list[index]) is { } system)
            {
                list[index] = system;
                marked++;
            }
        }
        return (list, options);
    }

    /// <summary>A copy of the system message whose last text block carries cache_control (null when it has no text).</summary>
    private static ChatMessage? Marked(ChatMessage system)
    {
        var contents = system.Contents.ToList();
        var lastText = contents.FindLastIndex(c => c is TextContent);
        if (lastText < 0)
        {
            return null;
        }
        var original = (TextContent)contents[lastText];
        var copy = new TextContent(original.Text);
        if (original.AdditionalProperties is { } extra)
        {
            copy.AdditionalProperties = new AdditionalPropertiesDictionary(extra);
        }
        contents[lastText] = copy.WithCacheControl(ttl: null);
        return new ChatMessage(ChatRole.System, contents) { AuthorName = system.AuthorName };
    }
}
