using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class CoverageCalculatorTests
{
    [Fact]
    public void A_requirement_is_covered_by_the_tasks_listing_it_and_completed_when_all_are()
    {
        Requirement[] requirements = [new("R1", "a"), new("R2", "b"), new("R3", "c")];
        CoverageTask[] tasks =
        [
            new("t0", 0, ["R1"], Completed: true),
            new("t1", 1, ["R1", "R2"], Completed: false),
            new("t2", 2, ["R2"], Completed: true),
        ];
        var coverage = CoverageCalculator.Compute(requirements, tasks);
        Assert.Equal(["t0", "t1"], coverage[0].TaskIds);
        Assert.False(coverage[0].Completed);
        Assert.True(coverage[1].Covered);
        Assert.False(coverage[2].Covered);
        Assert.False(coverage[2].Completed);
        Assert.Empty(coverage[2].TaskIds);
    }

    [Fact]
    public void Plan_entries_without_ids_count_by_index()
    {
        var coverage = CoverageCalculator.Compute([new("R1", "a")], [new(null, 4, ["R1"], false)]);
        Assert.True(coverage[0].Covered);
        Assert.Empty(coverage[0].TaskIds);
        Assert.Equal([4], coverage[0].TaskIndexes);
    }
}
