namespace Orchestration.Storage.Execution;

/// <summary>What a successful attempt produced.</summary>
public sealed record AttemptResult(string OutputText, string ModelUsed, long PromptTokens, long CompletionTokens, long CostNanos);
