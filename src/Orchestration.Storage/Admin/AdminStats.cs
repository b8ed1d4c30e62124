namespace Orchestration.Storage.Admin;

// Row shapes of the admin statistics queries (classes so Dapper maps them by column name); money in nano-dollars.

public sealed record SystemStats(
    long TotalUsers, long ActiveUsers, long TotalProjects, IReadOnlyDictionary<string, long> ProjectsByStatus,
    long TotalTasks, IReadOnlyDictionary<string, long> TasksByStatus, long TotalSpendNanos, IReadOnlyDictionary<string, long> SpendByModelNanos);

public sealed class UsageGroup
{
    public string Key { get; init; } = "";
    public string? Provider { get; init; }
    public long ApiCalls { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long CostNanos { get; init; }
}

public sealed record UsageOverview(long TotalCostNanos, long TotalApiCalls, long TotalTokens, long ActiveProjects,
    IReadOnlyList<UsageGroup> ByPurpose, IReadOnlyList<UsageGroup> ByProvider, IReadOnlyList<UsageGroup> ByModel);

public sealed class TierCost
{
    public string ModelTier { get; init; } = "";
    public long TaskCount { get; init; }
    public long CostNanos { get; init; }
}

public sealed class ProjectCost
{
    public string ProjectId { get; init; } = "";
    public string ProjectName { get; init; } = "";
    public long TaskCount { get; init; }
    public long CostNanos { get; init; }
}

public sealed class DayUsage
{
    public string Date { get; init; } = "";
    public long ApiCalls { get; init; }
    public long CostNanos { get; init; }
}

public sealed record CostBreakdown(IReadOnlyList<TierCost> ByModelTier, IReadOnlyList<ProjectCost> ByProject, IReadOnlyList<DayUsage> DailyTrend, long TotalCostNanos);

public sealed class TierOutcome
{
    public string ModelTier { get; init; } = "";
    public long Total { get; init; }
    public long Completed { get; init; }
    public long Failed { get; init; }
    public long NeedsReview { get; init; }
    public long TotalVerified { get; init; }
    public long Passed { get; init; }
    public long GapsFound { get; init; }
    public long HumanNeeded { get; init; }
    public long TasksWithRetries { get; init; }
    public long TotalRetries { get; init; }
    public long CostNanos { get; init; }
}

public sealed class WaveThroughput
{
    public string ProjectId { get; init; } = "";
    public string ProjectName { get; init; } = "";
    public long Wave { get; init; }
    public long TaskCount { get; init; }
    public double? AvgDurationSeconds { get; init; }
}

public sealed record Efficiency(IReadOnlyList<TierOutcome> ByTier, long CheckpointCount, long UnresolvedCheckpointCount, IReadOnlyList<WaveThroughput> Waves);
