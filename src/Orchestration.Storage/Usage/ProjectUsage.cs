namespace Orchestration.Storage.Usage;

public sealed record ProjectUsage(string ProjectId, string ProjectName, long CostNanos, long PromptTokens, long CompletionTokens, long ApiCalls);
