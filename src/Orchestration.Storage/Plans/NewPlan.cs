namespace Orchestration.Storage.Plans;

/// <summary>A plan to store as the project's next draft version.</summary>
public sealed record NewPlan(
    string Id,
    string ProjectId,
    string PlanJson,
    string ForecastJson,
    string RequirementsJson,
    string? ModelUsed,
    long PromptTokens,
    long CompletionTokens,
    long CostNanos,
    double CreatedAt,
    string? ReplanOf = null,
    string? KeptTaskIdsJson = null);
