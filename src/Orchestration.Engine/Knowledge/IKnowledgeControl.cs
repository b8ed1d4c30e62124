using Orchestration.Core.Domain;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Knowledge;

/// <summary>
/// A person's review of a project's findings (docs/api.md: POST /api/knowledge/{id}/accept|reject, PATCH /api/knowledge/{id},
/// POST /api/projects/{id}/knowledge). Each commits its change and publishes its event. Null means not found for this
/// owner; an illegal status change throws IllegalTransitionException; a text another finding of the project already has is
/// a conflict in the returned value.
/// </summary>
public interface IKnowledgeControl
{
    /// <summary>Moves a finding to accepted (injected from the next prompt on) or rejected (never injected).</summary>
    Task<KnowledgeRecord?> ReviewAsync(string ownerId, string knowledgeId, KnowledgeStatus to, CancellationToken cancellationToken);

    /// <summary>Changes a finding's text and/or category. The person's words are reviewed words: the finding becomes
    /// accepted (whatever it was), keeps its source, and records who edited it.</summary>
    Task<KnowledgeChange?> EditAsync(string ownerId, string knowledgeId, string? content, KnowledgeCategory? category, CancellationToken cancellationToken);

    /// <summary>Adds a person's own finding to a project, accepted under every policy; null when the project is not the owner's.</summary>
    Task<KnowledgeChange?> AddAsync(string ownerId, string projectId, KnowledgeCategory category, string content, CancellationToken cancellationToken);
}

/// <summary>The finding after a change, or the finding of the project that already says the same thing.</summary>
public sealed record KnowledgeChange(KnowledgeRecord? Finding, KnowledgeRecord? DuplicateOf);
