namespace Orchestration.Storage.Usage;

public sealed record ModelUsage(long Calls, long PromptTokens, long CompletionTokens, long CostNanos);
