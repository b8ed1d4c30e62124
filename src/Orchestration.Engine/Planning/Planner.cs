using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Events;
using Orchestration.Core.Planning;
using Orchestration.Engine.Models;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Tasks;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;

namespace Orchestration.Engine.Planning;

/// <summary>
/// Plans a project: numbers its requirements, asks the planning model (through the gateway: budget, retries, usage)
/// with the system prompt and max tokens of the project's rigor, validates the answer, re-asks once with the problems,
/// and stores a valid plan as the next draft with its forecast. The project goes draft → planning → draft either way;
/// a failure keeps its reason in status_reason and stores nothing.
/// </summary>
internal sealed partial class Planner(
    IProjectStore projects,
    IPlanStore plans,
    IModelGateway gateway,
    ITaskReadStore tasks,
    IEventBus bus,
    IExecutionControl execution,
    PlanForecaster forecaster,
    ForecastCalibrations calibrations,
    AnthropicOptions anthropic,
    TimeProvider time,
    ILogger<Planner> logger) : IPlanner
{
    public async Task<PlanRecord?> PlanAsync(string ownerId, string projectId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(ownerId, projectId, cancellationToken);
        if (project is null)
        {
            return null;
        }
        await RecoverStalePlanningAsync(project, cancellationToken);
        if (project.ReplanHoldSince is not null && !await RecoverStaleReplanAsync(project, cancellationToken))
        {
            throw new PlanConflictException("A re-plan of this project is pending: approve or reject it first.");
        }
        await projects.TransitionAsync(projectId, ProjectStatus.Planning, null, time.NowEpoch(), cancellationToken);
        try
        {
            var requirements = RequirementSplitter.Split(project.Requirements);
            var rigor = WireNames.TryParse<PlanningRigor>(project.PlanningRigor, out var r) ? r : PlanningRigor.L2;
            var answer = await AskAsync(project, requirements, rigor, cancellationToken);
            var forecast = forecaster.Forecast(answer.Plan, await calibrations.CurrentAsync(CancellationToken.None));
            // NOTE: the plan is paid for by now; store it even if the caller has gone away meanwhile.
            var stored = await plans.CreateDraftAsync(ownerId, new NewPlan(
                Ids.New(), projectId, PlanJson.Serialize(answer.Plan), PlanJson.Serialize(forecast), RequirementSplitter.ToJson(requirements),
                answer.Model, answer.PromptTokens, answer.CompletionTokens, answer.CostNanos, time.NowEpoch()),
                completePlanning: true, CancellationToken.None);
            PlanningLogs.Planned(logger, projectId, rigor.ToWire(), stored?.Version ?? 0, answer.Plan.AllTasks().Count, answer.Calls, Money.FromNanos(answer.CostNanos));
            return stored;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PlanningLogs.Cancelled(logger, projectId);
            await ReturnToDraftAsync(projectId, "Planning was cancelled before the model answered.");
            throw;
        }
        catch (Exception ex)
        {
            var reason = ReasonOf(ex);
            PlanningLogs.Failed(logger, projectId, reason);
            await ReturnToDraftAsync(projectId, reason);
            throw Translate(ex, reason);
        }
    }

    /// <summary>A crash or restart while re-planning would hold the project for good: a hold with no draft to review,
    /// older than any planning call can take, is lifted. True when the project holds nothing any more.</summary>
    private async Task<bool> RecoverStaleReplanAsync(Project project, CancellationToken cancellationToken)
    {
        if (project.ReplanHoldSince is not { } since)
        {
            return true;
        }
        var versions = await plans.ListAsync(project.OwnerId, project.Id, cancellationToken) ?? [];
        if (time.NowEpoch() - since <= StaleAfter || versions.Any(v => v.ReplanOf is not null && v.StatusValue == PlanStatus.Draft))
        {
            return false;
        }
        var running = versions.FirstOrDefault(v => v.StatusValue == PlanStatus.Approved)?.Id ?? "";
        if (await plans.ReleaseReplanHoldAsync(project.Id, PlanEvents.ReplanFailed(project.Id, running, "the previous re-plan did not finish"),
                time.NowEpoch(), cancellationToken) is { } released)
        {
            bus.Publish([released]);
        }
        execution.NotifyChanged(project.Id);
        return true;
    }

    private double StaleAfter => anthropic.Timeout * (anthropic.MaxRetries + 1) * 2 + 60;

    /// <summary>A crash or restart during planning would leave the project in planning for good; after far longer
    /// than any planning call can take, that attempt is treated as dead.</summary>
    private async Task RecoverStalePlanningAsync(Project project, CancellationToken cancellationToken)
    {
        if (project.StatusValue == ProjectStatus.Planning && time.NowEpoch() - project.UpdatedAt > StaleAfter)
        {
            PlanningLogs.StalePlanning(logger, project.Id, project.UpdatedAt);
            await projects.TransitionAsync(project.Id, ProjectStatus.Draft, "The previous planning attempt did not finish.", time.NowEpoch(), cancellationToken);
        }
    }

    private async Task ReturnToDraftAsync(string projectId, string reason)
    {
        try
        {
            await projects.TransitionAsync(projectId, ProjectStatus.Draft, reason, time.NowEpoch(), CancellationToken.None);
        }
        catch (IllegalTransitionException)
        {
            // The project moved on meanwhile (cancelled, or already back in draft): its status is not ours to change.
        }
    }

    private static string ReasonOf(Exception ex) => ex switch
    {
        PlanningFailedException or PlanValidationException or PlanConflictException => ex.Message,
        BudgetExceededException e => $"Planning was refused by the budget: {e.Message}",
        ModelProviderException e => $"The planning model could not answer: {e.Message}",
        Core.Pricing.UnpricedModelException e => $"The planning model cannot be used: {e.Message}",
        IllegalTransitionException e => $"The plan could not be stored: {e.Message}",
        _ => "Planning failed unexpectedly; see the server log.",
    };

    private static Exception Translate(Exception ex, string reason) => ex switch
    {
        ModelProviderException or Core.Pricing.UnpricedModelException =>
            new PlanningFailedException(PlanningFailureKind.ModelUnavailable, reason, new Dictionary<string, string[]>(), ex),
        _ => ex,
    };
}
