namespace Orchestration.Storage.Usage;

public sealed record ProjectUsage(string ProjectId, string ProjectName, long CostNanos, long PromptTokens, long CompletionTokens, long ApiCalls)
{
    /// <summary>Prompt tokens read from the providers' prompt caches (part of <see cref="PromptTokens"/>).</summary>
    public long CacheReadTokens { get; init; }

    public long CacheWriteTokens { get; init; }
}
