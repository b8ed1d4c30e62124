using Orchestration.Core.Domain;
using static Orchestration.Core.Domain.PlanStatus;

namespace Orchestration.Core.Lifecycle;

/// <summary>A plan is edited as a draft, approved once (or rejected), and superseded by a later approval.</summary>
public static class PlanTransitions
{
    public static bool CanMove(PlanStatus from, PlanStatus to) => (from, to) switch
    {
        (Draft, Approved) => true,
        (Draft, Superseded) => true,
        (Draft, Rejected) => true,
        (Approved, Superseded) => true,
        _ => false,
    };

    public static void EnsureCanMove(PlanStatus from, PlanStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new IllegalTransitionException("plan", from.ToWire(), to.ToWire());
        }
    }
}
