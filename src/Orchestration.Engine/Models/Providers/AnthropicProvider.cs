using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;

namespace Orchestration.Engine.Models.Providers;

/// <summary>The official Anthropic SDK behind <see cref="IChatClient"/>.</summary>
internal static class AnthropicProvider
{
    /// <summary>
    /// NOTE: with ApiKey set, SDK 13.14 sends "Authorization: Bearer", which the Messages API does not accept for API
    /// keys; the key goes in x-api-key through ExtraHeaders and ApiKey/AuthToken stay null (also overriding any
    /// ANTHROPIC_API_KEY the SDK would read from the environment). The SDK's own retries are off: ours honour
    /// Retry-After and know when output has streamed.
    /// </summary>
    public static AnthropicClient CreateClient(AnthropicOptions options, string? apiKey = null)
    {
        var key = apiKey ?? options.ApiKey;
        var timeout = TimeSpan.FromSeconds(options.Timeout);
        return new AnthropicClient(new ClientOptions
        {
            BaseUrl = BaseUrl(options.BaseUrl),
            ApiKey = null,
            AuthToken = null,
            ExtraHeaders = string.IsNullOrEmpty(key) ? null : new Dictionary<string, string> { ["x-api-key"] = key },
            MaxRetries = 0,
            Timeout = timeout,
            // The SDK's timeout runs to the headers and the HttpClient's must not cut a long stream; a body that
            // goes quiet for as long fails instead of holding the call.
            HttpClient = ProviderHttp.Create(Timeout.InfiniteTimeSpan, readTimeout: timeout),
        });
    }

    public static IChatClient CreateChatClient(AnthropicClient client, int defaultMaxOutputTokens) =>
        client.AsIChatClient(defaultModelId: null, defaultMaxOutputTokens: defaultMaxOutputTokens);

    /// <summary>The SDK wants the host without /v1.</summary>
    internal static string BaseUrl(string configured)
    {
        var url = configured.TrimEnd('/');
        return url.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? url[..^3] : url;
    }
}
