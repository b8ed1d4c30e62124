namespace Orchestration.Core.Graph;

/// <summary>A task graph that cannot run: a bad index, a self-dependency or a cycle (the API answers 422).</summary>
public sealed class GraphException(string message, IReadOnlyList<int> nodes) : Exception(message)
{
    /// <summary>The task indexes involved (the whole cycle, for a cycle).</summary>
    public IReadOnlyList<int> Nodes { get; } = nodes;
}
