using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Models;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Tasks;

namespace Orchestration.Engine.Planning;

internal sealed class PlanService(
    IProjectStore projects,
    IPlanStore plans,
    ITaskReadStore tasks,
    PlanForecaster forecaster,
    ForecastCalibrations calibrations,
    BudgetOptions budget,
    IBudgetStore budgetStore,
    IEventBus bus,
    IExecutionControl execution,
    TimeProvider time,
    ILogger<PlanService> logger) : IPlanService
{
    public async Task<PlanRecord?> EditAsync(string ownerId, string projectId, string planId, JsonNode? plan, CancellationToken cancellationToken)
    {
        var record = await plans.GetAsync(ownerId, projectId, planId, cancellationToken);
        if (record is null)
        {
            return null;
        }
        EnsureDraft(record, "edited");
        var valid = PlanSnapshots.Validate(plan, record);
        var keptCount = KeptCount(record);
        if (keptCount > 0)
        {
            EnsureKeptUnchanged(PlanSnapshots.Validate(PlanJson.TryParse(record.PlanJson), record), valid, keptCount);
        }
        var forecast = forecaster.Forecast(ReplanMerge.WithoutKept(valid, keptCount), await calibrations.CurrentAsync(cancellationToken));
        return await plans.UpdateDraftAsync(ownerId, projectId, planId, PlanJson.Serialize(valid), PlanJson.Serialize(forecast), cancellationToken);
    }

    public async Task<ApprovalOutcome?> ApproveAsync(string ownerId, string projectId, string planId, bool force, CancellationToken cancellationToken)
    {
        var record = await plans.GetAsync(ownerId, projectId, planId, cancellationToken);
        if (record is null)
        {
            return null;
        }
        EnsureDraft(record, "approved");
        // Stored plans were validated when written; validating again keeps approval safe from anything that was not.
        var plan = PlanSnapshots.Validate(PlanJson.TryParse(record.PlanJson), record);
        // A re-plan's forecast is of the work still to do: what the kept tasks cost is spent already.
        var forecast = forecaster.Forecast(ReplanMerge.WithoutKept(plan, KeptCount(record)), await calibrations.CurrentAsync(cancellationToken));
        var high = Money.ToNanos(forecast.TotalUsdHigh);
        // The forecast is held against what the caps have left now; the ledger still enforces them call by call.
        var now = time.GetUtcNow();
        var period = BudgetPeriod.At(now);
        var figures = await budgetStore.ReadFiguresAsync(period, projectId, cancellationToken);
        var shortfall = ForecastShortfall.Worst(figures.Caps(budget, period, projectId), high);
        if (shortfall is not null && !force)
        {
            throw new ForecastOverBudgetException(shortfall);
        }
        var graph = PlanDecomposer.Decompose(plan, forecaster.TierOf);
        var request = new PlanApproval(ownerId, projectId, planId, record.PlanJson, graph, now.ToEpoch(), high, Forced: shortfall is not null);
        ApprovalResult? approval;
        if (record.ReplanOf is null)
        {
            approval = await plans.ApproveAsync(request, cancellationToken);
        }
        else if (await plans.SwapAsync(request, cancellationToken) is { } swap)
        {
            approval = swap.Result;
            bus.Publish([swap.Swapped]);
            execution.NotifyChanged(projectId);
        }
        else
        {
            approval = null;
        }
        if (approval is null)
        {
            return null;
        }
        PlanningLogs.Approved(logger, planId, projectId, approval.TaskIds.Count, approval.TotalWaves, approval.ReplacedTasks);
        if (shortfall is not null)
        {
            PlanningLogs.ApprovedPastCap(logger, planId, projectId, shortfall.Cap.Scope, forecast.TotalUsdHigh, Money.FromNanos(shortfall.ShortfallNanos));
        }
        return new ApprovalOutcome(approval, forecast, plan.Summary, Forced: shortfall is not null, Swapped: record.ReplanOf is not null);
    }

    public async Task<PlanRecord?> RejectAsync(string ownerId, string projectId, string planId, CancellationToken cancellationToken)
    {
        if (await plans.RejectAsync(ownerId, projectId, planId, time.NowEpoch(), cancellationToken) is not { } rejected)
        {
            return null;
        }
        if (rejected.Rejected is { } stored)
        {
            // The re-plan's hold is lifted: the run goes on with the plan it had.
            bus.Publish([stored]);
            execution.NotifyChanged(projectId);
        }
        return rejected.Plan;
    }

    public async Task<CoverageReport?> CoverageAsync(string ownerId, string projectId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(ownerId, projectId, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var current = await plans.GetCurrentAsync(ownerId, projectId, cancellationToken);
        if (current is null)
        {
            return new CoverageReport(projectId, null, null,
                CoverageCalculator.Compute(RequirementSplitter.Split(project.Requirements), []));
        }
        var requirements = RequirementSplitter.FromJson(current.RequirementsJson);
        IReadOnlyList<CoverageTask> covering;
        if (current.StatusValue == PlanStatus.Approved)
        {
            var page = await tasks.ListAsync(ownerId, projectId, new TaskQuery(PlanId: current.Id, ExcludeOutput: true), cancellationToken);
            covering = (page?.Items ?? []).Select(t => new CoverageTask(
                t.Task.Id, (int)t.Task.TaskIndex, ReadIds(t.Task.RequirementIdsJson),
                // A task skipped at a checkpoint counts as done for the graph, not as delivered for its requirements.
                t.Task.StatusValue == TaskItemStatus.Completed && !t.Task.Skipped)).ToList();
        }
        else
        {
            var plan = PlanValidator.Validate(PlanJson.TryParse(current.PlanJson)).Plan;
            covering = (plan?.AllTasks() ?? []).Select(t => new CoverageTask(null, t.Index, t.Task.RequirementIds, false)).ToList();
        }
        return new CoverageReport(projectId, current.Id, current.Status, CoverageCalculator.Compute(requirements, covering));
    }

    private static void EnsureDraft(PlanRecord record, string action)
    {
        if (record.StatusValue != PlanStatus.Draft)
        {
            throw new PlanConflictException($"Plan version {record.Version} is {record.Status}; only a draft can be {action}.");
        }
    }

    private static int KeptCount(PlanRecord record) => record.ReplanOf is null ? 0 : record.KeptTaskIds.Count;

    /// <summary>A re-plan's kept tasks ran (or are running) as they are: an edit may change the new work only.</summary>
    private static void EnsureKeptUnchanged(PlanDocument before, PlanDocument after, int keptCount)
    {
        var was = before.AllTasks().Take(keptCount).Select(t => JsonSerializer.Serialize(t.Task, PlanJson.Options)).ToList();
        var now = after.AllTasks().Take(keptCount).Select(t => JsonSerializer.Serialize(t.Task, PlanJson.Options)).ToList();
        var changed = Enumerable.Range(0, keptCount).FirstOrDefault(i => i >= now.Count || was[i] != now[i], -1);
        if (changed >= 0)
        {
            throw new PlanValidationException(PlanValidationResult.Invalid(
                $"tasks[{changed}]", $"Task {changed} is kept from the running plan (it ran or is running); only the tasks after the first {keptCount} can be edited."));
        }
    }

    private static IReadOnlyList<string> ReadIds(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
