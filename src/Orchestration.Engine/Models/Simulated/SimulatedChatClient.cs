using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models.Pipeline;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>
/// The offline provider: deterministic for <c>simulated.seed</c>, with latency, plausible token counts and
/// injected failures, answering each purpose in kind (docs/simulated-provider.md). Everything it answers is
/// labelled simulated by the gateway; it is priced as the model it stands in for.
/// </summary>
internal sealed partial class SimulatedChatClient(SimulatedOptions options, TimeProvider time, ILogger logger) : IChatClient
{
    private const int StreamChunkChars = 48;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstCalls = new(StringComparer.Ordinal);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var request = SimulatedRequest.From([.. messages], chatOptions, options.Seed);
        var attempt = _attempts.AddOrUpdate($"{request.Purpose}:{request.Identity}:{StableRandom.Hash(0, request.LastUserText):x16}", 1, (_, n) => n + 1);
        var rng = StableRandom.For(options.Seed, request.Purpose, request.Identity, request.LastUserText, attempt);
        await DelayAsync(request, rng, cancellationToken);
        var malformed = InjectFailure(request, rng);
        var message = Answer(request, rng, malformed);
        var promptTokens = request.Messages.Sum(m => 3 + m.Contents.Sum(PromptEstimator.CharsOf) / 4);
        var completionTokens = message.Contents.Sum(c => PromptEstimator.CharsOf(c) + 3) / 4;
        return new ChatResponse(message)
        {
            ModelId = chatOptions?.ModelId,
            ResponseId = "sim_" + StableRandom.Hash(options.Seed, request.CallId, attempt).ToString("x16"),
            CreatedAt = time.GetUtcNow(),
            FinishReason = message.Contents.Any(c => c is FunctionCallContent) ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = promptTokens,
                OutputTokenCount = completionTokens,
                TotalTokenCount = promptTokens + completionTokens,
            },
        };
    }

    /// <summary>The same answer as <see cref="GetResponseAsync"/>, delivered in small text chunks, usage last.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, chatOptions, cancellationToken);
        foreach (var content in response.Messages[0].Contents)
        {
            if (content is TextContent text)
            {
                for (var i = 0; i < text.Text.Length; i += StreamChunkChars)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return Update(response, new TextContent(text.Text.Substring(i, Math.Min(StreamChunkChars, text.Text.Length - i))));
                }
            }
            else
            {
                yield return Update(response, content);
            }
        }
        var last = Update(response, new UsageContent(response.Usage!));
        last.FinishReason = response.FinishReason;
        yield return last;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderNames.Simulated) :
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static ChatResponseUpdate Update(ChatResponse response, AIContent content) =>
        new(ChatRole.Assistant, [content]) { ResponseId = response.ResponseId, ModelId = response.ModelId, CreatedAt = response.CreatedAt };

    private async Task DelayAsync(SimulatedRequest request, Random rng, CancellationToken cancellationToken)
    {
        var jitter = options.LatencyJitterMs == 0 ? 0 : rng.Next(-options.LatencyJitterMs, options.LatencyJitterMs + 1);
        var millis = Math.Max(0, options.LatencyMs + jitter) * (request.Has(SimulatedMarkers.Slow) ? 10 : 1);
        if (millis > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(millis), time, cancellationToken);
        }
    }

    /// <summary>True when this is the first call (by call id) for the identity and marker: retries of that same
    /// gateway call count as the first, a later call does not.</summary>
    private bool IsFirstCall(SimulatedRequest request, string marker) =>
        _firstCalls.GetOrAdd(marker + ":" + request.Identity, request.CallId) == request.CallId;
}
