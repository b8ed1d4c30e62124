using Orchestration.Core.Domain;

namespace Orchestration.Core.Lifecycle;

// NOTE: inside the namespace so that `Planning` means the status, not the Orchestration.Core.Planning namespace.
using static Orchestration.Core.Domain.ProjectStatus;

/// <summary>
/// Every allowed project status change, in one table (docs/executor.md, Lifecycle):
/// draft → planning → draft (a plan exists) → ready (approved) → executing ⇄ paused → completed | failed | cancelled.
/// </summary>
public static class ProjectTransitions
{
    private static readonly Dictionary<ProjectStatus, ProjectStatus[]> Allowed = new()
    {
        [Draft] = [Planning, Ready, Cancelled],
        // Planning ends back in draft (success or failure); a plan approved while planning is not possible.
        [Planning] = [Draft, Cancelled],
        // A ready project can be re-planned (back to planning) or have a newer plan approved (stays ready).
        [Ready] = [Planning, Ready, Executing, Cancelled],
        [Executing] = [Paused, Completed, Failed, Cancelled],
        [Paused] = [Executing, Planning, Ready, Cancelled, Completed, Failed],
        // Retried tasks or a resolved checkpoint let a failed project run again; it can also be re-planned.
        [Failed] = [Executing, Planning, Ready, Cancelled],
        // A completed project can be re-planned to extend it.
        [Completed] = [Planning, Ready, Executing],
        [Cancelled] = [],
    };

    public static bool CanMove(ProjectStatus from, ProjectStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static void EnsureCanMove(ProjectStatus from, ProjectStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new IllegalTransitionException("project", from.ToWire(), to.ToWire());
        }
    }

    public static IReadOnlyList<ProjectStatus> TargetsOf(ProjectStatus from) => Allowed[from];
}
