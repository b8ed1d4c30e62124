namespace Orchestration.Core.Lifecycle;

/// <summary>A state change that the transition tables do not allow; the API answers 409.</summary>
public sealed class IllegalTransitionException(string entity, string from, string to)
    : InvalidOperationException($"A {entity} cannot go from '{from}' to '{to}'.")
{
    public string Entity { get; } = entity;
    public string From { get; } = from;
    public string To { get; } = to;
}
