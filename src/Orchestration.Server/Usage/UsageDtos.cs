namespace Orchestration.Server.Usage;

public sealed record UsageSummaryDto(
    double TotalCostUsd, long TotalPromptTokens, long TotalCompletionTokens, long ApiCallCount,
    Dictionary<string, ModelUsageDto> ByModel, Dictionary<string, ProviderUsageDto> ByProvider);

public sealed record ModelUsageDto(long Calls, long PromptTokens, long CompletionTokens, double CostUsd);

public sealed record ProviderUsageDto(long Calls, double CostUsd);

/// <summary>scope: installation (an administrator: the amounts are everyone's) or own (the caller's own amounts); the
/// percentages and levels are always the installation's caps'.</summary>
public sealed record BudgetStatusDto(
    double DailySpentUsd, double DailyLimitUsd, double DailyPct, double MonthlySpentUsd, double MonthlyLimitUsd, double MonthlyPct,
    double ReservedUsd, string Scope, string DailyLevel, string MonthlyLevel);

public sealed record DailyUsageDto(string Date, long ApiCalls, double CostUsd, long PromptTokens, long CompletionTokens);

public sealed record ProjectUsageDto(string ProjectId, string ProjectName, double CostUsd, long PromptTokens, long CompletionTokens, long ApiCalls);
