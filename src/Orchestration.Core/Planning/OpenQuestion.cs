namespace Orchestration.Core.Planning;

/// <summary>Something the planner could not decide alone (L2 and L3 plans).</summary>
public sealed class OpenQuestion
{
    public string Question { get; init; } = "";
    public string? ProposedAnswer { get; init; }
    public string? Impact { get; init; }
}
