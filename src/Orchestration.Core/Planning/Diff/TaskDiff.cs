using System.Text.Json.Serialization;

namespace Orchestration.Core.Planning.Diff;

/// <summary>Tasks added (indexes of the after plan), removed (indexes of the before plan) and changed, each in plan order.</summary>
public sealed record TaskDiff(
    IReadOnlyList<DiffTask> Added, IReadOnlyList<DiffTask> Removed, IReadOnlyList<TaskChange> Changed, int UnchangedCount)
{
    [JsonIgnore]
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}
