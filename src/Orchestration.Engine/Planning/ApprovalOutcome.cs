using Orchestration.Core.Planning;
using Orchestration.Storage.Plans;

namespace Orchestration.Engine.Planning;

/// <summary>What approving a plan did: the task rows created and the plan's forecast and summary. <see cref="Forced"/>
/// is true when the forecast did not fit a cap and the approval was forced; <see cref="Swapped"/> when a re-plan's draft
/// replaced the unfinished part of a running graph.</summary>
public sealed record ApprovalOutcome(ApprovalResult Approval, PlanForecast Forecast, string Summary, bool Forced = false, bool Swapped = false);
