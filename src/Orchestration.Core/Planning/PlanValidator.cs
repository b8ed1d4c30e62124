using System.Text.Json.Nodes;
using static Orchestration.Core.Planning.PlanFieldReader;

namespace Orchestration.Core.Planning;

/// <summary>
/// Turns plan JSON (from a model or an editor) into a normalised <see cref="PlanDocument"/>, or says precisely what is
/// wrong: required fields, types, enums, sizes, dependency indexes (0-based, global across phases), duplicate titles
/// and cycles. Small slips are repaired rather than refused: duplicate dependencies are merged, enum case is
/// normalised, a dependency written as a task's title or as a numeric string is resolved.
/// </summary>
public static partial class PlanValidator
{
    /// <param name="root">The plan object.</param>
    /// <param name="requirementIds">When given, every task's requirement_ids must be among them.</param>
    public static PlanValidationResult Validate(JsonNode? root, IReadOnlyCollection<string>? requirementIds = null)
    {
        if (root is not JsonObject obj)
        {
            return PlanValidationResult.Invalid("plan", $"must be a JSON object, not {KindOf(root)}.");
        }
        if (PlanJson.FindUnreadable(obj) is { } unreadable)
        {
            return PlanValidationResult.Invalid(unreadable.Path.Length == 0 ? "plan" : unreadable.Path, unreadable.Problem);
        }
        var errors = new ValidationErrors();
        var summary = String(obj, "summary", "", errors, required: true, PlanLimits.MaxSummaryLength);
        var drafts = new List<TaskDraft>();
        var (flat, phases) = ReadTaskContainers(obj, drafts, errors);
        if (drafts.Count == 0 && !errors.Any)
        {
            errors.Add("tasks", "the plan has no tasks; give at least one (in tasks, or in the tasks of a phase).");
        }
        if (drafts.Count > PlanLimits.MaxTasks)
        {
            return PlanValidationResult.Invalid("tasks", $"the plan has {drafts.Count} tasks; at most {PlanLimits.MaxTasks} are allowed.");
        }
        var openQuestions = ReadOpenQuestions(obj, errors);
        var risks = ReadRisks(obj, errors);
        var testStrategy = ReadTestStrategy(obj, errors);

        CheckTitles(drafts, errors);
        CheckRequirementIds(drafts, requirementIds, errors);
        var dependsOn = ResolveDependencies(drafts, errors);
        if (!errors.Any)
        {
            CheckAcyclic(drafts, dependsOn, errors);
        }
        if (errors.Any)
        {
            return PlanValidationResult.Invalid(errors.ToDictionary());
        }

        var tasks = drafts.Select((d, i) => d.Build(dependsOn[i])).ToList();
        var taskQueue = new Queue<PlanTask>(tasks);
        return PlanValidationResult.Valid(new PlanDocument
        {
            Summary = summary!,
            Tasks = flat ? tasks : null,
            Phases = phases?.Select(p => new PlanPhase
            {
                Name = p.Name,
                Description = p.Description,
                Tasks = Enumerable.Range(0, p.TaskCount).Select(_ => taskQueue.Dequeue()).ToList(),
            }).ToList(),
            OpenQuestions = openQuestions,
            RiskAssessment = risks,
            TestStrategy = testStrategy,
        });
    }

    /// <summary>Reads either the flat tasks or the phases (never both), appending every task in global order.</summary>
    private static (bool Flat, List<PhaseDraft>? Phases) ReadTaskContainers(JsonObject obj, List<TaskDraft> drafts, ValidationErrors errors)
    {
        var flatTasks = Array(obj, "tasks", "tasks", errors);
        var phaseArray = Array(obj, "phases", "phases", errors);
        if (flatTasks is { Count: > 0 } && phaseArray is { Count: > 0 })
        {
            errors.Add("tasks", "give either tasks (a flat plan) or phases (each with its tasks), not both.");
            return (false, null);
        }
        if (phaseArray is not { Count: > 0 })
        {
            ReadTasks(flatTasks, "tasks", null, drafts, errors);
            return (true, null);
        }
        if (phaseArray.Count > PlanLimits.MaxPhases)
        {
            errors.Add("phases", $"has {phaseArray.Count} phases; at most {PlanLimits.MaxPhases} are allowed.");
            return (false, null);
        }
        var phases = new List<PhaseDraft>();
        for (var p = 0; p < phaseArray.Count; p++)
        {
            var path = $"phases[{p}]";
            if (phaseArray[p] is not JsonObject phase)
            {
                errors.Add(path, $"must be an object with name, description and tasks, not {KindOf(phaseArray[p])}.");
                continue;
            }
            var name = String(phase, "name", path, errors, required: true, PlanLimits.MaxTitleLength) ?? "";
            var description = String(phase, "description", path, errors, required: false, PlanLimits.MaxTextLength) ?? "";
            var tasks = Array(phase, "tasks", Path(path, "tasks"), errors);
            if (tasks is null && phase["tasks"] is null)
            {
                errors.Add(Path(path, "tasks"), "is required.");
            }
            var before = drafts.Count;
            ReadTasks(tasks, Path(path, "tasks"), name, drafts, errors);
            phases.Add(new PhaseDraft(name, description, drafts.Count - before));
        }
        return (false, phases);
    }

    private static void ReadTasks(JsonArray? tasks, string path, string? phase, List<TaskDraft> drafts, ValidationErrors errors)
    {
        if (tasks is null)
        {
            return;
        }
        for (var i = 0; i < tasks.Count; i++)
        {
            if (drafts.Count > PlanLimits.MaxTasks)
            {
                // Counted, not read: the caller reports the limit once.
                drafts.Add(new TaskDraft($"{path}[{i}]", phase));
                continue;
            }
            drafts.Add(ReadTask(tasks[i], $"{path}[{i}]", phase, errors));
        }
    }

    private sealed record PhaseDraft(string Name, string Description, int TaskCount);
}
