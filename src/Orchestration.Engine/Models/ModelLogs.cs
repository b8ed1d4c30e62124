using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Models;

/// <summary>Log messages of the model layer. Never prompts, outputs or keys.</summary>
internal static partial class ModelLogs
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Model provider {Provider} answered {Status}; retry {Retry} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string provider, int? status, int retry, double delayMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Model provider {Provider} still failing after {Attempts} attempts (last status {Status})")]
    public static partial void RetriesExhausted(ILogger logger, string provider, int attempts, int? status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Model call to {Provider}/{Model} refused by the {Scope} budget (worst case {WorstCaseUsd} USD)")]
    public static partial void BudgetRefused(ILogger logger, string provider, string model, decimal worstCaseUsd, string scope);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "No Anthropic API key is configured: every model call is answered by the SIMULATED provider (offline, generated answers, priced as the models it stands in for). Set anthropic.api_key or ANTHROPIC_API_KEY for real models.")]
    public static partial void SimulatedActive(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "Model provider for paid tiers: {Provider} (providers.default = {Configured})")]
    public static partial void DefaultProvider(ILogger logger, string provider, string configured);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning,
        Message = "Ollama host {Host} failed (no answer or a server error); it takes no requests until its next successful health check")]
    public static partial void OllamaHostDown(ILogger logger, string host);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug,
        Message = "Simulated provider injected a {Failure} failure")]
    public static partial void SimulatedFailure(ILogger logger, string failure);
}
