using Orchestration.Core.Domain;
using Orchestration.Core.Knowledge;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Knowledge;

/// <summary>Stamps a new finding with its source and the status execution.knowledge_policy admits it with.</summary>
internal static class FindingAdmission
{
    public static NewFinding Admit(NewFinding finding, KnowledgePolicy policy, KnowledgeSource source)
    {
        var admission = KnowledgeAdmission.Admit(policy, source, finding.Content);
        return finding with { Source = source.ToWire(), Status = admission.Status.ToWire(), ScreenReason = admission.ScreenReason };
    }
}
