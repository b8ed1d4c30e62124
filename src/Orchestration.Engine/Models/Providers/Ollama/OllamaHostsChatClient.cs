using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Engine.Health;

namespace Orchestration.Engine.Models.Providers.Ollama;

/// <summary>
/// Ollama through OllamaSharp, balanced over the configured hosts (<see cref="OllamaHostPool"/>): each request goes to
/// the host chosen by <see cref="OllamaHostChoice"/>. A host that fails (no HTTP answer, or 5xx) leaves the rotation
/// until its next successful health check and the request moves to the next best host; a stream moves only before its
/// first chunk. While a host is out of rotation, each request asks for the health checks to run once they are older
/// than resource_check_interval_sec, so a host that recovers is taken back even when nobody reads /api/services.
/// ollama.generate_timeout bounds both the wait for an answer and any pause within one.
/// </summary>
internal sealed class OllamaHostsChatClient(OllamaHostPool pool, IServiceHealth? health, ILogger logger) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var model = options?.ModelId ?? pool.DefaultModel;
        var tried = new HashSet<int>();
        RecheckHostsOutOfRotation();
        while (true)
        {
            var (index, host) = pool.Acquire(model, tried);
            try
            {
                return await ((IChatClient)host.Chat).GetResponseAsync(list, options, cancellationToken);
            }
            catch (HttpRequestException ex) when (IsHostFailure(ex))
            {
                Fail(host, tried, index);
                if (!pool.HasUntried(model, tried))
                {
                    throw;
                }
            }
            finally
            {
                host.Leave();
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var model = options?.ModelId ?? pool.DefaultModel;
        var tried = new HashSet<int>();
        RecheckHostsOutOfRotation();
        while (true)
        {
            var (index, host) = pool.Acquire(model, tried);
            try
            {
                await using var stream = ((IChatClient)host.Chat).GetStreamingResponseAsync(list, options, cancellationToken)
                    .GetAsyncEnumerator(cancellationToken);
                bool hasFirst;
                try
                {
                    hasFirst = await stream.MoveNextAsync();
                }
                catch (HttpRequestException ex) when (IsHostFailure(ex))
                {
                    Fail(host, tried, index);
                    if (!pool.HasUntried(model, tried))
                    {
                        throw;
                    }
                    continue;
                }
                if (!hasFirst)
                {
                    yield break;
                }
                yield return stream.Current;
                while (await stream.MoveNextAsync())
                {
                    yield return stream.Current;
                }
                yield break;
            }
            finally
            {
                // Runs when the stream ends, fails, or its reader disposes it early.
                host.Leave();
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata)
            ? new ChatClientMetadata("ollama", pool.Hosts[0].Chat.Uri, pool.DefaultModel)
            : serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>The pool owns the hosts' clients (the health probe shares it).</summary>
    public void Dispose()
    {
    }

    /// <summary>A stale health snapshot is refreshed in the background; the request never waits for it. A lone host
    /// takes every request in or out of rotation, so it needs no check for that.</summary>
    private void RecheckHostsOutOfRotation()
    {
        if (health is not null && pool.Hosts.Count > 1 && pool.Hosts.Any(h => !h.InRotation))
        {
            // NOTE: probes never throw (an unreachable service is a status), so the dropped task cannot fault unseen.
            _ = health.GetAllAsync(refresh: false, CancellationToken.None);
        }
    }

    /// <summary>No HTTP answer at all (refused, reset, unresolvable) or a server error: the host, not the request, failed.</summary>
    private static bool IsHostFailure(HttpRequestException ex) => ex.StatusCode is null || (int)ex.StatusCode >= 500;

    private void Fail(OllamaHost host, HashSet<int> tried, int index)
    {
        host.Failed();
        tried.Add(index);
        ModelLogs.OllamaHostDown(logger, host.Name);
    }
}
