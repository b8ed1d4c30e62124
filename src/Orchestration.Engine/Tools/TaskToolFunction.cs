using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Orchestration.Engine.Tools;

/// <summary>A registered tool bound to one attempt, as the model sees it: a function tool with a JSON schema.</summary>
internal sealed class TaskToolFunction(ITaskTool tool, ToolInvocation invocation) : AIFunction
{
    public override string Name => tool.Name;

    public override string Description => tool.Description;

    public override JsonElement JsonSchema => tool.ParametersSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await tool.InvokeAsync(invocation, new Dictionary<string, object?>(arguments, StringComparer.Ordinal), cancellationToken);
}
