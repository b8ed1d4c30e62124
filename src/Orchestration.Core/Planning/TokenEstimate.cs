namespace Orchestration.Core.Planning;

/// <summary>Low and high token estimates of one task's model calls.</summary>
public readonly record struct TokenEstimate(long PromptLow, long PromptHigh, long OutputLow, long OutputHigh);
