using Orchestration.Core.Domain;

namespace Orchestration.Engine.Usage;

/// <summary>One model call as recorded for usage reports. Outcome: ok | error | cancelled | refused.</summary>
public sealed record UsageRecord(
    string UserId, string? ProjectId, string? TaskId, CallPurpose Purpose, string Provider, string Model,
    long PromptTokens, long CompletionTokens, long CacheWriteTokens, long CacheReadTokens,
    decimal CostUsd, double LatencyMs, string Outcome);
