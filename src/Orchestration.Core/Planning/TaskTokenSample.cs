using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>
/// What one finished task used: the tokens of its own model calls (every attempt) and what its other calls cost
/// (verification and knowledge, which run on their own models, so they are learned in money, not tokens).
/// </summary>
public readonly record struct TaskTokenSample(
    string TaskType, TaskComplexity Complexity, ModelTier Tier, long PromptTokens, long OutputTokens, long OtherCostNanos = 0);
