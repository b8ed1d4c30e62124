namespace Orchestration.Server.Usage;

/// <summary>The cache figures are parts of the prompt tokens; cache_read_share is cache reads over prompt tokens (0–1).</summary>
public sealed record UsageSummaryDto(
    double TotalCostUsd, long TotalPromptTokens, long TotalCompletionTokens, long ApiCallCount,
    Dictionary<string, ModelUsageDto> ByModel, Dictionary<string, ProviderUsageDto> ByProvider,
    long CacheReadTokens, long CacheWriteTokens, double CacheReadShare);

public sealed record ModelUsageDto(long Calls, long PromptTokens, long CompletionTokens, double CostUsd);

public sealed record ProviderUsageDto(long Calls, double CostUsd);

/// <summary>scope: installation (an administrator: the amounts are everyone's) or own (the caller's own amounts); the
/// percentages and levels are always the installation's caps'.</summary>
public sealed record BudgetStatusDto(
    double DailySpentUsd, double DailyLimitUsd, double DailyPct, double MonthlySpentUsd, double MonthlyLimitUsd, double MonthlyPct,
    double ReservedUsd, string Scope, string DailyLevel, string MonthlyLevel);

public sealed record DailyUsageDto(string Date, long ApiCalls, double CostUsd, long PromptTokens, long CompletionTokens);

public sealed record ProjectUsageDto(
    string ProjectId, string ProjectName, double CostUsd, long PromptTokens, long CompletionTokens, long ApiCalls,
    long CacheReadTokens, long CacheWriteTokens, double CacheReadShare);
