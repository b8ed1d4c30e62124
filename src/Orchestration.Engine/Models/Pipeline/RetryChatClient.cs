using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// Retries transient provider failures (429, 5xx, 529, lost connections, timeouts) on a Polly retry pipeline whose
/// waits come from <see cref="RetryPolicy"/> (a provider's Retry-After wins). Every failure is normalised to a
/// <see cref="ModelProviderException"/> inside the attempt, so the pipeline decides on status codes, not on SDK types.
/// NOTE: a stream is retried only before its first update: once output has reached the caller, a retry would
/// duplicate it.
/// </summary>
internal sealed class RetryChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    public RetryChatClient(IChatClient inner, string provider, RetryPolicy policy, TimeProvider time, ILogger logger)
        : base(inner)
    {
        _provider = provider;
        _logger = logger;
        _pipeline = BuildPipeline(policy, time);
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                var slot = HttpAttempt.Begin();
                try
                {
                    return await base.GetResponseAsync(list, options, token);
                }
                catch (Exception ex) when (ProviderErrors.IsProviderFailure(ex, token))
                {
                    throw ProviderErrors.Normalize(_provider, ex, slot);
                }
            }, cancellationToken);
        }
        catch (ModelProviderException error) when (error.IsTransient)
        {
            ModelLogs.RetriesExhausted(_logger, _provider, attempts, error.StatusCode);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var (stream, hasFirst) = await OpenAsync(list, options, cancellationToken);
        try
        {
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
            await stream.DisposeAsync();
        }
    }

    /// <summary>Starts the stream and reads its first update, retried as one attempt until output begins.</summary>
    private async Task<(IAsyncEnumerator<ChatResponseUpdate> Stream, bool HasFirst)> OpenAsync(
        IList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                var slot = HttpAttempt.Begin();
                var candidate = base.GetStreamingResponseAsync(messages, options, token).GetAsyncEnumerator(token);
                try
                {
                    return (candidate, await candidate.MoveNextAsync());
                }
                catch (Exception ex) when (ProviderErrors.IsProviderFailure(ex, token))
                {
                    await candidate.DisposeAsync();
                    throw ProviderErrors.Normalize(_provider, ex, slot);
                }
            }, cancellationToken);
        }
        catch (ModelProviderException error) when (error.IsTransient)
        {
            ModelLogs.RetriesExhausted(_logger, _provider, attempts, error.StatusCode);
            throw;
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
            throw ProviderErrors.Normalize(_provider, ex, null);
        }
    }

    /// <summary>
    /// Retries a transient <see cref="ModelProviderException"/> while <see cref="RetryPolicy.DelayFor"/> gives a wait:
    /// it gives none once retries are spent or when the provider asks for longer than the policy waits.
    /// </summary>
    private ResiliencePipeline BuildPipeline(RetryPolicy policy, TimeProvider time)
    {
        if (policy.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is ModelProviderException { IsTransient: true } error
                    && policy.DelayFor(args.AttemptNumber, error.RetryAfter) is not null),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ModelProviderException error ? policy.DelayFor(args.AttemptNumber, error.RetryAfter) : null),
                OnRetry = args =>
                {
                    var status = (args.Outcome.Exception as ModelProviderException)?.StatusCode;
                    ModelLogs.Retrying(_logger, _provider, status, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }
}
