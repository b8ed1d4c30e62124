using Orchestration.Core.Domain;

namespace Orchestration.Core.Knowledge;

/// <summary>The status a new finding starts in, and why it waits when it does.</summary>
public sealed record Admission(KnowledgeStatus Status, string? ScreenReason);

/// <summary>
/// Decides how a new finding enters a project's knowledge under execution.knowledge_policy. Findings made by a model
/// (from a task's output) or typed into a checkpoint's gotcha follow the policy: auto accepts them, review holds every
/// one as proposed, screen holds those <see cref="KnowledgeScreen"/> flags. A finding a person adds through the
/// knowledge API is that person's own review, so it is accepted under every policy.
/// </summary>
public static class KnowledgeAdmission
{
    public static Admission Admit(KnowledgePolicy policy, KnowledgeSource source, string content)
    {
        if (source == KnowledgeSource.Person)
        {
            return new Admission(KnowledgeStatus.Accepted, null);
        }
        return policy switch
        {
            KnowledgePolicy.Review => new Admission(KnowledgeStatus.Proposed, null),
            KnowledgePolicy.Screen when KnowledgeScreen.Reason(content) is { } reason => new Admission(KnowledgeStatus.Proposed, reason),
            _ => new Admission(KnowledgeStatus.Accepted, null),
        };
    }
}
