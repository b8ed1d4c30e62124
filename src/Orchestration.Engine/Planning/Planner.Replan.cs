using System.Text.Json;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Planning;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Tasks;

namespace Orchestration.Engine.Planning;

// Re-planning the unfinished part of a running project.
internal sealed partial class Planner
{
    private const int OutputSummaryChars = 400;

    private static readonly TaskItemStatus[] Kept = [TaskItemStatus.Completed, TaskItemStatus.Running, TaskItemStatus.NeedsReview];

    public async Task<ReplanDraft?> ReplanAsync(string ownerId, string projectId, string? changes, string? instructions, CancellationToken cancellationToken)
    {
        if (await projects.GetAsync(ownerId, projectId, cancellationToken) is not { } project)
        {
            return null;
        }
        await RecoverStaleReplanAsync(project, cancellationToken);
        // The hold first: from here on nothing new starts, so what is kept cannot grow behind the planner's back (running
        // tasks may still finish; they are kept either way).
        var hold = await plans.HoldForReplanAsync(ownerId, projectId, time.NowEpoch(), cancellationToken);
        if (hold is null)
        {
            return null;
        }
        bus.Publish([hold.Started]);
        execution.NotifyChanged(projectId);
        try
        {
            var draft = await WriteReplanAsync(hold, changes, instructions, cancellationToken);
            bus.Publish([draft.Ready]);
            return new ReplanDraft(draft.Plan, hold.RunningPlan);
        }
        catch (Exception ex)
        {
            var reason = ReasonOf(ex);
            PlanningLogs.Failed(logger, projectId, reason);
            if (await plans.ReleaseReplanHoldAsync(projectId, PlanEvents.ReplanFailed(projectId, hold.RunningPlan.Id, reason), time.NowEpoch(),
                    CancellationToken.None) is { } released)
            {
                bus.Publish([released]);
            }
            execution.NotifyChanged(projectId);
            var translated = Translate(ex, reason);
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }
            throw translated;
        }
    }

    private async Task<(PlanRecord Plan, Storage.Events.StoredEvent Ready)> WriteReplanAsync(ReplanHold hold, string? changes, string? instructions,
        CancellationToken cancellationToken)
    {
        var project = hold.Project;
        var running = hold.RunningPlan;
        var runningPlan = PlanSnapshots.Validate(PlanJson.TryParse(running.PlanJson), running);
        var page = await tasks.ListAsync(project.OwnerId, project.Id, new TaskQuery(PlanId: running.Id), cancellationToken);
        var rows = (page?.Items ?? []).Select(t => t.Task).OrderBy(t => t.TaskIndex).ToList();
        var keptRows = rows.Where(t => Kept.Contains(t.StatusValue)).ToList();
        var planTasks = runningPlan.AllTasks();
        var keptTasks = keptRows.Select(t => planTasks[(int)t.TaskIndex]).ToList();

        // Requirements: the running plan's, then the changes as new ones numbered after them.
        var existing = RequirementSplitter.FromJson(running.RequirementsJson);
        var added = Renumber(RequirementSplitter.Split(changes), existing);
        var all = existing.Concat(added).ToList();
        // A requirement is done when the kept tasks cover it and no unfinished task (replaced by the re-plan) does: work
        // of the replaced tasks is planned again.
        var unfinished = rows.Where(t => !Kept.Contains(t.StatusValue))
            .SelectMany(t => planTasks[(int)t.TaskIndex].Task.RequirementIds).ToHashSet(StringComparer.Ordinal);
        var delivered = keptRows.SelectMany(t => planTasks[(int)t.TaskIndex].Task.RequirementIds)
            .Where(id => !unfinished.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var remaining = all.Where(r => !delivered.Contains(r.Id)).ToList();
        if (remaining.Count == 0 && string.IsNullOrWhiteSpace(instructions))
        {
            throw new PlanningFailedException(PlanningFailureKind.InvalidPlan, "Nothing to re-plan: every requirement is delivered already.",
                new Dictionary<string, string[]> { ["changes"] = ["Send the new or changed requirements in 'changes' (or instructions for the planner)."] });
        }

        var summaries = keptRows.Select(t => (t.Title, t.Status, Summarize(t))).ToList();
        var rigor = WireNames.TryParse<PlanningRigor>(project.PlanningRigor, out var r) ? r : PlanningRigor.L2;
        var message = PlannerPrompts.ReplanMessage(project.Name, summaries, remaining, instructions);
        var answer = await AskAsync(project, message, remaining, all, rigor, cancellationToken);

        var merge = ReplanMerge.Merge(keptTasks, answer.Plan);
        var ids = all.Select(q => q.Id).ToList();
        var validated = PlanValidator.Validate(PlanJson.ToNode(merge.Plan), ids);
        if (!validated.IsValid)
        {
            throw new PlanValidationException(validated);
        }
        // NOTE: the answer is paid for by now; the calibration is read whether or not the caller is still there.
        var forecast = forecaster.Forecast(ReplanMerge.WithoutKept(validated.Plan!, merge.Kept), await calibrations.CurrentAsync(CancellationToken.None));
        var stored = await plans.CreateReplanDraftAsync(project.OwnerId, new NewPlan(
            Ids.New(), project.Id, PlanJson.Serialize(validated.Plan!), PlanJson.Serialize(forecast), RequirementSplitter.ToJson(all),
            answer.Model, answer.PromptTokens, answer.CompletionTokens, answer.CostNanos, time.NowEpoch(),
            ReplanOf: running.Id, KeptTaskIdsJson: JsonSerializer.Serialize(keptRows.Select(t => t.Id).ToList())), CancellationToken.None)
            ?? throw new PlanConflictException("The project was deleted while it was being re-planned.");
        PlanningLogs.Planned(logger, project.Id, rigor.ToWire(), stored.Plan.Version, merge.Added, answer.Calls, Money.FromNanos(answer.CostNanos));
        return stored;
    }

    /// <summary>New requirements continue the numbering after the existing ones (their own [Rn] markers are ignored).</summary>
    private static List<Requirement> Renumber(IReadOnlyList<Requirement> added, IReadOnlyList<Requirement> existing)
    {
        var next = existing.Select(e => int.TryParse(e.Id.AsSpan(1), out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        return added.Select((a, i) => new Requirement($"R{next + i}", a.Text)).ToList();
    }

    private static string Summarize(TaskRecord task)
    {
        var text = (task.OutputText ?? "").ReplaceLineEndings(" ").Trim();
        if (task.StatusValue == TaskItemStatus.Running || text.Length == 0)
        {
            return task.StatusValue == TaskItemStatus.Running ? "still running; its output will be available" : "no output";
        }
        return text.Length <= OutputSummaryChars ? text : text[..OutputSummaryChars] + "…";
    }
}

/// <summary>A re-plan's stored draft and the running plan it would replace.</summary>
public sealed record ReplanDraft(PlanRecord Draft, PlanRecord RunningPlan);
