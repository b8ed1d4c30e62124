using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Core.Tests.Lifecycle;

public sealed class ProjectTransitionsTests
{
    [Theory]
    [InlineData(ProjectStatus.Draft, ProjectStatus.Planning)]
    [InlineData(ProjectStatus.Planning, ProjectStatus.Draft)]
    [InlineData(ProjectStatus.Draft, ProjectStatus.Ready)]
    [InlineData(ProjectStatus.Ready, ProjectStatus.Executing)]
    [InlineData(ProjectStatus.Executing, ProjectStatus.Paused)]
    [InlineData(ProjectStatus.Paused, ProjectStatus.Executing)]
    [InlineData(ProjectStatus.Executing, ProjectStatus.Completed)]
    [InlineData(ProjectStatus.Failed, ProjectStatus.Executing)]
    public void The_documented_lifecycle_is_allowed(ProjectStatus from, ProjectStatus to) =>
        Assert.True(ProjectTransitions.CanMove(from, to));

    [Theory]
    [InlineData(ProjectStatus.Draft, ProjectStatus.Executing)]
    [InlineData(ProjectStatus.Planning, ProjectStatus.Executing)]
    [InlineData(ProjectStatus.Completed, ProjectStatus.Failed)]
    public void Skipping_steps_is_refused(ProjectStatus from, ProjectStatus to)
    {
        var ex = Assert.Throws<IllegalTransitionException>(() => ProjectTransitions.EnsureCanMove(from, to));
        Assert.Contains(from.ToWire(), ex.Message, StringComparison.Ordinal);
        Assert.Contains(to.ToWire(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_is_final() =>
        Assert.All(Enum.GetValues<ProjectStatus>(), to => Assert.False(ProjectTransitions.CanMove(ProjectStatus.Cancelled, to)));

    [Fact]
    public void Every_status_has_a_row_in_the_table() =>
        Assert.All(Enum.GetValues<ProjectStatus>(), s => Assert.NotNull(ProjectTransitions.TargetsOf(s)));
}
