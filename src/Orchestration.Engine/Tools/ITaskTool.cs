using System.Text.Json;

namespace Orchestration.Engine.Tools;

/// <summary>
/// A tool a task may call (its plan entry lists it in tools_needed). Registered as an <see cref="ITaskTool"/> singleton;
/// the <see cref="ToolRegistry"/> offers it to the model as a function tool with <see cref="ParametersSchema"/>.
/// </summary>
public interface ITaskTool
{
    /// <summary>The name the plan and the model use (e.g. read_file).</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The JSON schema of the arguments object.</summary>
    JsonElement ParametersSchema { get; }

    /// <summary>Runs one call. A problem the model should hear about (bad path, too large) is a <see cref="ToolException"/>,
    /// whose message goes back to the model as the result; the task goes on.</summary>
    Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken);
}
