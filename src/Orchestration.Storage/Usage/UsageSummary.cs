namespace Orchestration.Storage.Usage;

public sealed record UsageSummary(
    long TotalCostNanos,
    long TotalPromptTokens,
    long TotalCompletionTokens,
    long ApiCallCount,
    IReadOnlyDictionary<string, ModelUsage> ByModel,
    IReadOnlyDictionary<string, ProviderUsage> ByProvider)
{
    /// <summary>Prompt tokens read from the providers' prompt caches (part of <see cref="TotalPromptTokens"/>).</summary>
    public long CacheReadTokens { get; init; }

    /// <summary>Prompt tokens written to the providers' prompt caches (part of <see cref="TotalPromptTokens"/>).</summary>
    public long CacheWriteTokens { get; init; }
}
