using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Core.Tests.Scheduling;

public sealed class ReadinessPropagationTests
{
    private static ReadinessSlice Slice(IReadOnlyDictionary<string, TaskItemStatus> statuses, params (string Id, string[] DependsOn)[] tasks) =>
        new(tasks.Select(t => new SliceTask(t.Id, t.DependsOn)).ToList(), statuses);

    [Fact]
    public void A_failure_blocks_the_whole_downstream_whatever_order_the_slice_lists_it_in()
    {
        var statuses = new Dictionary<string, TaskItemStatus> { ["a"] = Failed, ["b"] = Pending, ["c"] = Queued, ["d"] = Pending };
        // d depends on b and c, b on a; listed last-first.
        var changes = ReadinessPropagation.Derive(Slice(statuses, ("d", ["b", "c"]), ("c", []), ("b", ["a"])));

        Assert.Equal([new ReadinessChange("b", Pending, Blocked), new ReadinessChange("d", Pending, Blocked)],
            changes.OrderBy(c => c.TaskId));
    }

    [Fact]
    public void A_retried_task_unblocks_its_downstream_back_to_pending_and_itself_to_queued()
    {
        var statuses = new Dictionary<string, TaskItemStatus> { ["root"] = Completed, ["a"] = Pending, ["b"] = Blocked, ["c"] = Blocked };
        var changes = ReadinessPropagation.Derive(Slice(statuses, ("a", ["root"]), ("b", ["a"]), ("c", ["b"])));

        Assert.Equal([new ReadinessChange("a", Pending, Queued), new ReadinessChange("b", Blocked, Pending), new ReadinessChange("c", Blocked, Pending)],
            changes);
    }

    [Fact]
    public void Only_waiting_tasks_move_and_a_join_waits_for_every_dependency()
    {
        var statuses = new Dictionary<string, TaskItemStatus>
        {
            ["a"] = Completed, ["b"] = Running, ["join"] = Pending, ["done"] = Completed, ["review"] = NeedsReview,
        };
        var changes = ReadinessPropagation.Derive(Slice(statuses, ("join", ["a", "b"]), ("done", ["a"]), ("review", ["a"])));

        Assert.Empty(changes);
        statuses["b"] = Completed;
        Assert.Equal([new ReadinessChange("join", Pending, Queued)], ReadinessPropagation.Derive(Slice(statuses, ("join", ["a", "b"]))));
    }

    [Fact]
    public void Dependencies_outside_the_slice_count_by_their_given_status_and_unknown_ones_are_ignored()
    {
        var statuses = new Dictionary<string, TaskItemStatus> { ["outside"] = NeedsReview, ["x"] = Queued };

        Assert.Equal([new ReadinessChange("x", Queued, Blocked)], ReadinessPropagation.Derive(Slice(statuses, ("x", ["outside", "missing"]))));
    }
}
