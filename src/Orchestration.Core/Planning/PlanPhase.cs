namespace Orchestration.Core.Planning;

public sealed class PlanPhase
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<PlanTask> Tasks { get; init; } = [];
}
