namespace Orchestration.Storage.Usage;

public sealed record UsageSummary(
    long TotalCostNanos,
    long TotalPromptTokens,
    long TotalCompletionTokens,
    long ApiCallCount,
    IReadOnlyDictionary<string, ModelUsage> ByModel,
    IReadOnlyDictionary<string, ProviderUsage> ByProvider);
