using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;

namespace Orchestration.Core.Spend;

/// <summary>One model call as the usage log recorded it: what it was for, where it ran, the tokens it used and what it
/// cost. Failed and cancelled calls are included with whatever they used.</summary>
public sealed record ObservedCall(string? TaskId, CallPurpose Purpose, string Provider, string Model, TokenUsage Tokens, long CostNanos)
{
    /// <summary>From a usage row, whose prompt count includes the cached parts (<see cref="TokenUsage.Input"/> does not).</summary>
    public static ObservedCall FromUsageRow(string? taskId, CallPurpose purpose, string provider, string model, long promptTokens,
        long completionTokens, long cacheWriteTokens, long cacheReadTokens, long costNanos) =>
        new(taskId, purpose, provider, model,
            new TokenUsage(Math.Max(0, promptTokens - cacheWriteTokens - cacheReadTokens), completionTokens, cacheWriteTokens, cacheReadTokens),
            costNanos);
}
