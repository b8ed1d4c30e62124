namespace Orchestration.Core.Planning;

/// <summary>
/// A plan as the planner returns it and the editor edits it (docs/api.md, Plan JSON). Either <see cref="Tasks"/> (flat,
/// L1) or <see cref="Phases"/> (L2, L3) holds the tasks; dependency indexes are global across phases, in reading order.
/// Instances come out of <see cref="PlanValidator"/>, so they are always valid.
/// </summary>
public sealed class PlanDocument
{
    public string Summary { get; init; } = "";
    public IReadOnlyList<PlanTask>? Tasks { get; init; }
    public IReadOnlyList<PlanPhase>? Phases { get; init; }
    public IReadOnlyList<OpenQuestion>? OpenQuestions { get; init; }
    public IReadOnlyList<RiskItem>? RiskAssessment { get; init; }
    public TestStrategy? TestStrategy { get; init; }

    /// <summary>Every task in global index order, with the name of its phase (null for a flat plan).</summary>
    public IReadOnlyList<IndexedPlanTask> AllTasks()
    {
        var all = new List<IndexedPlanTask>();
        foreach (var task in Tasks ?? [])
        {
            all.Add(new IndexedPlanTask(all.Count, null, task));
        }
        foreach (var phase in Phases ?? [])
        {
            foreach (var task in phase.Tasks)
            {
                all.Add(new IndexedPlanTask(all.Count, phase.Name, task));
            }
        }
        return all;
    }
}
