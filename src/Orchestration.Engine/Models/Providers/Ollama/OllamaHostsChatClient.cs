using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OllamaSharp;

namespace Orchestration.Engine.Models.Providers;

/// <summary>
/// Ollama through OllamaSharp, over the configured hosts in order: a host that cannot be reached (no HTTP answer)
/// hands the call to the next one, and the last host that answered is tried first next time. ollama.generate_timeout
/// bounds both the wait for an answer and any pause within one.
/// </summary>
internal sealed class OllamaHostsChatClient : IChatClient
{
    private readonly IReadOnlyList<(string Name, OllamaApiClient Client)> _hosts;
    private readonly ILogger _logger;
    private int _preferred;

    public OllamaHostsChatClient(IReadOnlyDictionary<string, string> hosts, string defaultModel, TimeSpan timeout, ILogger logger)
    {
        if (hosts.Count == 0)
        {
            throw new InvalidOperationException("'ollama.hosts' is empty: configure at least one Ollama host.");
        }
        _hosts = [.. hosts.Select(h => (h.Key, new OllamaApiClient(ProviderHttp.Create(timeout, ProviderHttp.BaseUri(h.Value), readTimeout: timeout), defaultModel)))];
        _logger = logger;
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        for (var i = 0; ; i++)
        {
            var index = (_preferred + i) % _hosts.Count;
            try
            {
                var response = await ((IChatClient)_hosts[index].Client).GetResponseAsync(list, options, cancellationToken);
                _preferred = index;
                return response;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null && i < _hosts.Count - 1)
            {
                ModelLogs.OllamaHostDown(_logger, _hosts[index].Name);
            }
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        var hasFirst = false;
        for (var i = 0; stream is null; i++)
        {
            var index = (_preferred + i) % _hosts.Count;
            var candidate = ((IChatClient)_hosts[index].Client).GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                hasFirst = await candidate.MoveNextAsync();
                stream = candidate;
                _preferred = index;
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null && i < _hosts.Count - 1)
            {
                await candidate.DisposeAsync();
                ModelLogs.OllamaHostDown(_logger, _hosts[index].Name);
            }
        }
        await using (stream)
        {
            if (!hasFirst)
            {
                yield break;
            }
            yield return stream.Current;
            while (await stream.MoveNextAsync())
            {
                yield return stream.Current;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata)
            ? new ChatClientMetadata("ollama", _hosts[_preferred].Client.Uri, _hosts[_preferred].Client.SelectedModel)
            : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        foreach (var (_, client) in _hosts)
        {
            client.Dispose();
        }
    }
}
