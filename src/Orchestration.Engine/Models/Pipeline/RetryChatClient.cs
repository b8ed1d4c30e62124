using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// Retries transient provider failures (429, 5xx, 529, lost connections, timeouts) with <see cref="RetryPolicy"/>.
/// NOTE: a stream is retried only before its first update: once output has reached the caller, a retry would
/// duplicate it. Every failure leaves as a <see cref="ModelProviderException"/>.
/// </summary>
internal sealed class RetryChatClient(IChatClient inner, string provider, RetryPolicy policy, TimeProvider time, ILogger logger)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        for (var attempt = 0; ; attempt++)
        {
            var slot = HttpAttempt.Begin();
            try
            {
                return await base.GetResponseAsync(list, options, cancellationToken);
            }
            catch (Exception ex) when (ProviderErrors.IsProviderFailure(ex, cancellationToken))
            {
                var error = ProviderErrors.Normalize(provider, ex, slot);
                await WaitOrThrowAsync(error, attempt, cancellationToken);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        try
        {
            var hasFirst = false;
            for (var attempt = 0; stream is null; attempt++)
            {
                var slot = HttpAttempt.Begin();
                var candidate = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    hasFirst = await candidate.MoveNextAsync();
                    stream = candidate;
                }
                catch (Exception ex) when (ProviderErrors.IsProviderFailure(ex, cancellationToken))
                {
                    await candidate.DisposeAsync();
                    await WaitOrThrowAsync(ProviderErrors.Normalize(provider, ex, slot), attempt, cancellationToken);
                }
            }
            if (!hasFirst)
            {
                yield break;
            }
            yield return stream.Current;
            while (await NextAsync(stream, cancellationToken))
            {
                yield return stream.Current;
            }
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>After output began: no retry, but failures still leave normalised.</summary>
    private async Task<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNextAsync();
        }
        catch (Exception ex) when (ProviderErrors.IsProviderFailure(ex, cancellationToken))
        {
            throw ProviderErrors.Normalize(provider, ex, null);
        }
    }

    private async Task WaitOrThrowAsync(ModelProviderException error, int attempt, CancellationToken cancellationToken)
    {
        var delay = error.IsTransient ? policy.DelayFor(attempt, error.RetryAfter) : null;
        if (delay is not { } wait)
        {
            if (error.IsTransient)
            {
                ModelLogs.RetriesExhausted(logger, provider, attempt + 1, error.StatusCode);
            }
            throw error;
        }
        ModelLogs.Retrying(logger, provider, error.StatusCode, attempt + 1, wait.TotalMilliseconds);
        await Task.Delay(wait, time, cancellationToken);
    }
}
