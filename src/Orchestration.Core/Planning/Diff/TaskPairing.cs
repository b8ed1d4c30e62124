namespace Orchestration.Core.Planning.Diff;

/// <summary>
/// Pairs the tasks of two plans. Plan tasks carry no id of their own (their index shifts with every insertion, and task
/// row ids exist only after approval), so a task's identity is its title, unique within a valid plan; a task left
/// unpaired by title pairs by description when exactly one unpaired task on each side has it (a rename).
/// </summary>
internal sealed class TaskPairing
{
    private readonly Dictionary<int, int> _afterOf = [];
    private readonly Dictionary<int, int> _beforeOf = [];
    private readonly Dictionary<int, string> _matchedBy = [];

    public TaskPairing(IReadOnlyList<IndexedPlanTask> before, IReadOnlyList<IndexedPlanTask> after)
    {
        Pair(before, after, t => Key(t.Title), TaskMatch.ByTitle);
        Pair(before, after, t => Key(t.Description), TaskMatch.ByDescription);
    }

    /// <summary>The after index paired with a before index, or null when the task was removed.</summary>
    public int? AfterOf(int beforeIndex) => _afterOf.TryGetValue(beforeIndex, out var a) ? a : null;

    /// <summary>The before index paired with an after index, or null when the task was added.</summary>
    public int? BeforeOf(int afterIndex) => _beforeOf.TryGetValue(afterIndex, out var b) ? b : null;

    public string MatchedBy(int beforeIndex) => _matchedBy[beforeIndex];

    private void Pair(IReadOnlyList<IndexedPlanTask> before, IReadOnlyList<IndexedPlanTask> after, Func<PlanTask, string> key, string how)
    {
        // Only keys that name exactly one unpaired task on each side pair: an ambiguous key pairs nothing.
        var left = Unique(before.Where(t => !_afterOf.ContainsKey(t.Index)), key);
        var right = Unique(after.Where(t => !_beforeOf.ContainsKey(t.Index)), key);
        foreach (var (k, b) in left.OrderBy(e => e.Value))
        {
            if (k.Length > 0 && right.TryGetValue(k, out var a))
            {
                _afterOf[b] = a;
                _beforeOf[a] = b;
                _matchedBy[b] = how;
            }
        }
    }

    private static Dictionary<string, int> Unique(IEnumerable<IndexedPlanTask> tasks, Func<PlanTask, string> key) =>
        tasks.GroupBy(t => key(t.Task), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Index, StringComparer.Ordinal);

    private static string Key(string text) => text.Trim().ToUpperInvariant();
}
