using Orchestration.Core.Domain;

namespace Orchestration.Storage.Usage;

/// <summary>
/// What one model call used and cost, written by the budget ledger when the call's reservation is settled or
/// released. <see cref="Outcome"/> is ok, error, cancelled or refused.
/// </summary>
public sealed record UsageRecord(
    string UserId,
    string? ProjectId,
    string? TaskId,
    CallPurpose Purpose,
    string Provider,
    string Model,
    long PromptTokens,
    long CompletionTokens,
    long CacheWriteTokens,
    long CacheReadTokens,
    decimal CostUsd,
    double LatencyMs,
    string Outcome);
