using Orchestration.Core.Domain;
using static Orchestration.Core.Domain.KnowledgeStatus;

namespace Orchestration.Core.Lifecycle;

/// <summary>A proposed finding is accepted or rejected by a person; a person may change their mind either way later.
/// Only accepted findings are injected into prompts.</summary>
public static class KnowledgeTransitions
{
    public static bool CanMove(KnowledgeStatus from, KnowledgeStatus to) => (from, to) switch
    {
        (Proposed, Accepted) => true,
        (Proposed, Rejected) => true,
        (Accepted, Rejected) => true,
        (Rejected, Accepted) => true,
        _ => false,
    };

    public static void EnsureCanMove(KnowledgeStatus from, KnowledgeStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new IllegalTransitionException("finding", from.ToWire(), to.ToWire());
        }
    }
}
