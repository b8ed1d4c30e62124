using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>At most N calls in flight to one provider (<c>anthropic.max_concurrent</c>); a stream holds its slot until it ends.
/// It sits inside the retry decorator, so a call waiting out a backoff does not hold a slot.</summary>
internal sealed class ConcurrencyLimitChatClient(IChatClient inner, SemaphoreSlim slots) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
