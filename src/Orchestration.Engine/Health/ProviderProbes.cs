using System.Net;
using Anthropic.Exceptions;
using System.ClientModel;

namespace Orchestration.Engine.Health;

/// <summary>Ids and shared helpers of the model provider probes.</summary>
internal static class ProviderProbes
{
    public const string AnthropicId = "anthropic_api";
    public const string OpenAIId = "openai_api";
    public const string OllamaPrefix = "ollama_";
    public const string SimulatedId = "simulated";
    public const string Category = "llm";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Rate limited or overloaded means reachable but busy: degraded. Anything else is offline.</summary>
    public static (string Status, string Error) Classify(Exception ex)
    {
        int? status = ex switch
        {
            AnthropicApiException api => (int)api.StatusCode,
            ClientResultException { Status: > 0 } result => result.Status,
            HttpRequestException { StatusCode: { } code } => (int)code,
            _ => null,
        };
        var degraded = status is 429 or 529 or (int)HttpStatusCode.ServiceUnavailable;
        var error = status switch
        {
            401 or 403 => $"authentication failed ({status})",
            { } code => $"answered {code}",
            null when ex is OperationCanceledException or TimeoutException => $"no answer within {Timeout.TotalSeconds:0} s",
            _ => "unreachable",
        };
        return (degraded ? ServiceStatus.Degraded : ServiceStatus.Offline, error);
    }
}
