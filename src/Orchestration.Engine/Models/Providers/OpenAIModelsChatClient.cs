using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Orchestration.Engine.Models.Providers;

/// <summary>
/// Any OpenAI-compatible server through the official OpenAI SDK. The SDK binds a chat client to one model, so this
/// keeps one per model and picks it by <see cref="ChatOptions.ModelId"/>.
/// </summary>
internal sealed class OpenAIModelsChatClient(OpenAIClient client, string defaultModel) : IChatClient
{
    private readonly ConcurrentDictionary<string, IChatClient> _byModel = new(StringComparer.Ordinal);

    public static OpenAIClient CreateClient(string baseUrl, string? apiKey, TimeSpan timeout) =>
        new(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "not-needed" : apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUrl),
            Transport = new HttpClientPipelineTransport(ProviderHttp.Create(Timeout.InfiniteTimeSpan)),
            NetworkTimeout = timeout,
            // Our retry decorator retries; the SDK's would retry again underneath it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        For(options).GetResponseAsync(messages, options, cancellationToken);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        For(options).GetStreamingResponseAsync(messages, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) ? this : For(null).GetService(serviceType, serviceKey);

    private IChatClient For(ChatOptions? options) =>
        _byModel.GetOrAdd(options?.ModelId ?? defaultModel, model => client.GetChatClient(model).AsIChatClient());

    public void Dispose()
    {
        foreach (var chat in _byModel.Values)
        {
            chat.Dispose();
        }
    }
}
