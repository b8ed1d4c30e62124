using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>The tokens one finished task used in all (every attempt and its verification), for calibrating forecasts.</summary>
public readonly record struct TaskTokenSample(string TaskType, TaskComplexity Complexity, ModelTier Tier, long PromptTokens, long OutputTokens);
