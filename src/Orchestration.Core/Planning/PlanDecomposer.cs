using Orchestration.Core.Domain;
using Orchestration.Core.Graph;

namespace Orchestration.Core.Planning;

/// <summary>Turns a valid plan into the task graph that approval stores: waves are longest-path depths.</summary>
public static class PlanDecomposer
{
    public const int DefaultPriority = 0;

    /// <param name="tierFor">The routed tier of a task (an explicit model_tier wins; see ModelRouter).</param>
    /// <exception cref="GraphException">The dependencies are not a DAG (cannot happen for a validated plan).</exception>
    public static PlanDecomposition Decompose(PlanDocument plan, Func<PlanTask, ModelTier> tierFor)
    {
        var all = plan.AllTasks();
        var dag = DagAnalysis.Analyze(all.Select(t => t.Task.DependsOn).ToList());
        var tasks = all.Select(t => new DecomposedTask(
            t.Index,
            t.Task.Title,
            t.Task.Description,
            t.Task.TaskType,
            t.Task.Complexity,
            t.Phase,
            t.Task.DependsOn,
            dag.Waves[t.Index],
            t.Task.Priority ?? DefaultPriority,
            tierFor(t.Task),
            DefaultTools.Resolve(t.Task),
            t.Task.RequirementIds,
            t.Task.VerificationCriteria,
            t.Task.AffectedFiles)).ToList();
        return new PlanDecomposition(tasks, dag.WaveCount);
    }
}
