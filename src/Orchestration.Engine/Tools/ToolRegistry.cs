using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Tools;

/// <summary>
/// The named tools this server can run (every registered <see cref="ITaskTool"/>). A task is offered only the tools
/// its plan lists that are registered here; the others are named in its prompt as unavailable.
/// </summary>
public sealed class ToolRegistry
{
    private readonly List<ITaskTool> _tools;

    public ToolRegistry(IEnumerable<ITaskTool> tools)
    {
        _tools = [];
        foreach (var tool in tools)
        {
            if (_tools.Exists(t => t.Name == tool.Name))
            {
                throw new InvalidOperationException($"Two tools are registered as '{tool.Name}'.");
            }
            _tools.Add(tool);
        }
    }

    /// <summary>Registered tool names, in registration order.</summary>
    public IReadOnlyList<string> Names => _tools.Select(t => t.Name).ToList();

    public bool Contains(string name) => _tools.Exists(t => t.Name == name);

    /// <summary>Which of the <paramref name="requested"/> tools can be offered (in registration order) and which cannot.</summary>
    public (IReadOnlyList<string> Available, IReadOnlyList<string> Unavailable) Split(IEnumerable<string> requested)
    {
        var wanted = requested.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        return (_tools.Where(t => wanted.Contains(t.Name)).Select(t => t.Name).ToList(), wanted.Where(n => !Contains(n)).ToList());
    }

    /// <summary>The requested tools that are registered, as function tools bound to <paramref name="invocation"/>.</summary>
    public IReadOnlyList<AIFunction> FunctionsFor(IEnumerable<string> requested, ToolInvocation invocation)
    {
        var (available, _) = Split(requested);
        return _tools.Where(t => available.Contains(t.Name)).Select(t => (AIFunction)new TaskToolFunction(t, invocation)).ToList();
    }
}
