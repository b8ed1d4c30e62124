using Microsoft.Extensions.AI;
using Orchestration.Engine.Events;
using Orchestration.Engine.Tools;
using Orchestration.Storage.Execution;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Execution;

// One tool call: run it, turn any refusal into a result the model reads, and report it as a tool_call event.
internal sealed partial class ToolLoop
{
    private async Task<FunctionResultContent> InvokeAsync(AttemptContext context, FunctionCallContent call, IReadOnlyList<AIFunction> tools,
        int round, CancellationToken cancellationToken)
    {
        var arguments = call.Arguments is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(call.Arguments);
        var function = tools.FirstOrDefault(t => t.Name == call.Name);
        string result;
        var ok = false;
        try
        {
            if (function is null)
            {
                throw new ToolException($"There is no tool '{call.Name}' for this task; available: {string.Join(", ", tools.Select(t => t.Name))}.");
            }
            result = (await function.InvokeAsync(new AIFunctionArguments(arguments), cancellationToken))?.ToString() ?? "";
            ok = true;
        }
        catch (ToolException ex)
        {
            result = "Error: " + ex.Message;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogToolFailed(logger, context.Key.TaskId, call.Name, ex);
            result = $"Error: the file operation failed ({ex.GetType().Name}).";
        }
        var summary = ToolArguments.Summarise(arguments);
        await events.PublishAsync(WorkEvents.ToolCalled(context.Key.ProjectId, context.Key.TaskId, context.Task.Title, call.Name, summary, round, ok,
            ok ? null : result), cancellationToken);
        return new FunctionResultContent(call.CallId, result);
    }
}
