using Orchestration.Core.Domain;

namespace Orchestration.Core.Scheduling;

public static class ReadinessPropagation
{
    /// <summary>
    /// Applies <see cref="TaskReadiness.Derive"/> to every task of the slice, each after the slice tasks it depends on,
    /// and returns the status changes in that order. The one way the readiness of stored tasks is decided: after an
    /// outcome (dependants of a completed task become queued), a failure or cancel (waiting tasks downstream become
    /// blocked), a retry, skip or approval (they become pending or queued again), and when a run starts.
    /// </summary>
    public static IReadOnlyList<ReadinessChange> Derive(ReadinessSlice slice)
    {
        var status = new Dictionary<string, TaskItemStatus>(slice.Statuses, StringComparer.Ordinal);
        var changes = new List<ReadinessChange>();
        foreach (var task in TopologicalOrder(slice.Tasks))
        {
            if (!status.TryGetValue(task.Id, out var current))
            {
                continue;
            }
            var derived = TaskReadiness.Derive(current, task.DependsOn.Where(status.ContainsKey).Select(d => status[d]));
            if (derived != current)
            {
                status[task.Id] = derived;
                changes.Add(new ReadinessChange(task.Id, current, derived));
            }
        }
        return changes;
    }

    // Kahn's order over the edges inside the slice; a cycle (never in a validated plan) keeps the rest in input order.
    private static IEnumerable<SliceTask> TopologicalOrder(IReadOnlyList<SliceTask> tasks)
    {
        if (tasks.Count <= 1)
        {
            return tasks;
        }
        var byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var pending = tasks.ToDictionary(t => t.Id, t => t.DependsOn.Count(d => byId.ContainsKey(d) && d != t.Id), StringComparer.Ordinal);
        var dependants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var t in tasks)
        {
            foreach (var d in t.DependsOn.Where(d => byId.ContainsKey(d) && d != t.Id))
            {
                (dependants.TryGetValue(d, out var list) ? list : dependants[d] = []).Add(t.Id);
            }
        }
        var ready = new Queue<string>(tasks.Where(t => pending[t.Id] == 0).Select(t => t.Id));
        var order = new List<SliceTask>(tasks.Count);
        while (ready.TryDequeue(out var id))
        {
            order.Add(byId[id]);
            foreach (var next in dependants.GetValueOrDefault(id) ?? [])
            {
                if (--pending[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }
        return order.Count == tasks.Count ? order : order.Concat(tasks.Where(t => !order.Contains(t)));
    }
}
