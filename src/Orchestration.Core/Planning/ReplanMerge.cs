namespace Orchestration.Core.Planning;

/// <summary>
/// Builds a re-plan's full plan from the tasks kept from the running plan (completed, running or waiting for review:
/// never re-run) and the planner's plan of the remaining work. Rules:
/// <list type="bullet">
/// <item>kept tasks come first, in their running order, with their dependencies among themselves;</item>
/// <item>a new task titled like a kept one (case and spacing aside) is that kept task: it is dropped and whatever
/// depended on it depends on the kept task (a planner that re-plans finished work cannot make it run again);</item>
/// <item>a new task with no dependency in the new work depends on the kept tasks nothing else kept depends on, so it
/// starts after the running work and sees its outputs;</item>
/// <item>the result is flat when the new work is flat, else the kept tasks form a first phase "Kept from the running plan".</item>
/// </list>
/// </summary>
public static class ReplanMerge
{
    public const string KeptPhaseName = "Kept from the running plan";

    /// <param name="kept">The kept tasks as they stand in the running plan, in its order, with their running-plan indexes.</param>
    /// <param name="remaining">The planner's plan of the work still to do (validated).</param>
    public static ReplanResult Merge(IReadOnlyList<IndexedPlanTask> kept, PlanDocument remaining)
    {
        var keptPosition = kept.Select((t, i) => (t.Index, i)).ToDictionary(x => x.Index, x => x.i);
        var keptTasks = kept.Select(t => Copy(t.Task, t.Task.DependsOn.Where(keptPosition.ContainsKey).Select(d => keptPosition[d]))).ToList();
        var keptByTitle = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < kept.Count; i++)
        {
            keptByTitle.TryAdd(Normalize(kept[i].Task.Title), i);
        }
        var leaves = Enumerable.Range(0, keptTasks.Count)
            .Where(i => !keptTasks.Any(t => t.DependsOn.Contains(i))).ToList();

        var work = remaining.AllTasks();
        // Where each new task lands in the merged plan: a kept task's position, or after every kept task.
        var landing = new int[work.Count];
        var next = keptTasks.Count;
        var dropped = new List<string>();
        foreach (var task in work)
        {
            if (keptByTitle.TryGetValue(Normalize(task.Task.Title), out var same))
            {
                landing[task.Index] = same;
                dropped.Add(task.Task.Title);
            }
            else
            {
                landing[task.Index] = next++;
            }
        }
        var added = new List<(string? Phase, PlanTask Task)>();
        foreach (var task in work.Where(t => landing[t.Index] >= keptTasks.Count))
        {
            var dependsOn = task.Task.DependsOn.Count == 0 ? leaves : task.Task.DependsOn.Select(d => landing[d]);
            added.Add((task.Phase, Copy(task.Task, dependsOn)));
        }

        PlanDocument merged;
        if (remaining.Phases is { Count: > 0 } phases)
        {
            var newPhases = new List<PlanPhase>();
            if (keptTasks.Count > 0)
            {
                newPhases.Add(new PlanPhase { Name = KeptPhaseName, Description = "Completed or running work, kept as it is.", Tasks = keptTasks });
            }
            newPhases.AddRange(phases
                .Select(p => new PlanPhase { Name = p.Name, Description = p.Description, Tasks = added.Where(a => a.Phase == p.Name).Select(a => a.Task).ToList() })
                .Where(p => p.Tasks.Count > 0));
            merged = With(remaining, tasks: null, newPhases);
        }
        else
        {
            merged = With(remaining, [.. keptTasks, .. added.Select(a => a.Task)], phases: null);
        }
        return new ReplanResult(merged, kept.Count, added.Count, dropped);
    }

    /// <summary>A merged re-plan without its first <paramref name="keptCount"/> tasks (the kept ones): the work still to do,
    /// flat, with its dependencies among itself (for its forecast).</summary>
    public static PlanDocument WithoutKept(PlanDocument merged, int keptCount)
    {
        if (keptCount == 0)
        {
            return merged;
        }
        var tasks = merged.AllTasks().Skip(keptCount)
            .Select(t => Copy(t.Task, t.Task.DependsOn.Where(d => d >= keptCount).Select(d => d - keptCount))).ToList();
        return With(merged, tasks, phases: null);
    }

    private static string Normalize(string title) => string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static PlanTask Copy(PlanTask task, IEnumerable<int> dependsOn) => new()
    {
        Title = task.Title,
        Description = task.Description,
        TaskType = task.TaskType,
        Complexity = task.Complexity,
        DependsOn = dependsOn.Distinct().Order().ToList(),
        ToolsNeeded = task.ToolsNeeded,
        RequirementIds = task.RequirementIds,
        VerificationCriteria = task.VerificationCriteria,
        AffectedFiles = task.AffectedFiles,
        ModelTier = task.ModelTier,
        Priority = task.Priority,
    };

    private static PlanDocument With(PlanDocument source, IReadOnlyList<PlanTask>? tasks, IReadOnlyList<PlanPhase>? phases) => new()
    {
        Summary = source.Summary,
        Tasks = tasks,
        Phases = phases,
        OpenQuestions = source.OpenQuestions,
        RiskAssessment = source.RiskAssessment,
        TestStrategy = source.TestStrategy,
    };
}

/// <summary>A re-plan's full plan, how many tasks it keeps and adds, and the titles of new tasks that were kept ones.</summary>
public sealed record ReplanResult(PlanDocument Plan, int Kept, int Added, IReadOnlyList<string> DroppedAsKept);
