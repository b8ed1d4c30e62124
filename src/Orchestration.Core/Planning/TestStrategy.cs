namespace Orchestration.Core.Planning;

/// <summary>How an L3 plan proves itself. <see cref="TestTasks"/> names tasks (titles or indexes, as the planner wrote them).</summary>
public sealed class TestStrategy
{
    public string? Approach { get; init; }
    public IReadOnlyList<string> TestTasks { get; init; } = [];
    public string? CoverageNotes { get; init; }
}
