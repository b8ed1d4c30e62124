namespace Orchestration.Storage.Usage;

/// <summary>Usage of one UTC day.</summary>
public sealed record DailyUsage(DateOnly Date, long ApiCalls, long CostNanos, long PromptTokens, long CompletionTokens);
