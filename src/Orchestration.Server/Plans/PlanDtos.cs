using System.Text.Json.Nodes;

namespace Orchestration.Server.Plans;

/// <summary>A plan version (docs/api.md: POST /plan, GET /plans, PATCH /plans/{id}). <c>plan_id</c> repeats <c>id</c>
/// for clients of the original API; <c>requirements</c> is the numbering the plan was made with. The forecast totals
/// are repeated flat; <c>spent_usd</c> is what the project spent since this plan was approved (null unless it is the
/// approved plan), to read beside them; <c>approval_forced</c> says it was approved past a budget cap
/// (?force=true).</summary>
public sealed record PlanDto(
    string Id, string PlanId, string ProjectId, long Version, string Status, double CreatedAt, double? ApprovedAt,
    string? ModelUsed, long PromptTokens, long CompletionTokens, double CostUsd, JsonNode Plan, JsonNode Forecast,
    List<RequirementDto> Requirements, double ForecastLowUsd, double ForecastExpectedUsd, double ForecastHighUsd, double? SpentUsd,
    bool ApprovalForced, string? ReplanOf, List<string>? KeptTaskIds);

/// <summary>POST /replan: both optional; <c>changes</c> are new or changed requirements, <c>instructions</c> guide the planner.</summary>
public sealed record ReplanRequest(string? Changes, string? Instructions);

/// <summary>POST /replan's answer: the draft (as POST /plan answers) and its diff against the running plan.</summary>
public sealed record ReplanResponse(
    string Id, string PlanId, string ProjectId, long Version, string Status, double CreatedAt, string? ModelUsed, long PromptTokens,
    long CompletionTokens, double CostUsd, JsonNode Plan, JsonNode Forecast, List<RequirementDto> Requirements, double ForecastLowUsd,
    double ForecastExpectedUsd, double ForecastHighUsd, string ReplanOf, List<string> KeptTaskIds, PlanDiffDto Diff);

public sealed record RequirementDto(string Id, string Text);

public sealed record ApproveResponse(
    bool Ok, string PlanId, int TasksCreated, List<string> TaskIds, int TotalWaves, double EstimatedCostUsd,
    double EstimatedCostUsdLow, double EstimatedCostUsdHigh, int ReplacedTasks, string Summary, bool Forced, bool Swapped);

public sealed record CoverageDto(
    string ProjectId, string? PlanId, string? PlanStatus, int TotalRequirements, int CoveredCount, int UncoveredCount,
    List<string> UncoveredIds, List<RequirementCoverageDto> Requirements);

public sealed record RequirementCoverageDto(string Id, string Text, bool Covered, List<string> TaskIds, List<int> TaskIndexes, bool Completed);
