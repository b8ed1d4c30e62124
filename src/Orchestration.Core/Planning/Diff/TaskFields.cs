using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning.Diff;

/// <summary>The fields of a plan task a diff compares, with their wire names (docs/api.md, Plan JSON).</summary>
internal static class TaskFields
{
    public static IReadOnlyList<FieldChange> Compare(IndexedPlanTask before, IndexedPlanTask after)
    {
        var (b, a) = (before.Task, after.Task);
        var changes = new List<FieldChange>();
        Text("title", b.Title, a.Title, changes);
        Text("description", b.Description, a.Description, changes);
        Text("phase", before.Phase, after.Phase, changes);
        Text("task_type", b.TaskType, a.TaskType, changes);
        Text("complexity", b.Complexity.ToWire(), a.Complexity.ToWire(), changes);
        Text("model_tier", b.ModelTier?.ToWire(), a.ModelTier?.ToWire(), changes);
        if (b.Priority != a.Priority)
        {
            changes.Add(new FieldChange("priority", b.Priority, a.Priority));
        }
        // What the task may use: a missing tools_needed means its type's defaults, so null and the default list are alike.
        List("tools", DefaultTools.Resolve(b), DefaultTools.Resolve(a), changes);
        List("requirement_ids", b.RequirementIds, a.RequirementIds, changes);
        Text("verification_criteria", b.VerificationCriteria, a.VerificationCriteria, changes);
        List("affected_files", b.AffectedFiles, a.AffectedFiles, changes);
        return changes;
    }

    private static void Text(string field, string? before, string? after, List<FieldChange> changes)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static void List(string field, IReadOnlyList<string> before, IReadOnlyList<string> after, List<FieldChange> changes)
    {
        if (!before.SequenceEqual(after, StringComparer.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }
}
