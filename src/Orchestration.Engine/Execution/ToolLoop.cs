using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tools;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

/// <summary>
/// Runs the model for one attempt: a round is one model call and the tool calls it asks for. Up to
/// execution.max_tool_rounds rounds may use tools; after them one last call with tool use turned off asks for the
/// answer. Every round reserves its own budget through the gateway: when a later round cannot be reserved, the
/// attempt ends with what was done so far, marked partial (nothing is spent past the cap). Only the latest
/// execution.max_history_rounds rounds are sent back to the model, to keep long loops affordable.
/// </summary>
internal sealed partial class ToolLoop(IModelGateway gateway, IEventPublisher events, ExecutionOptions execution, ILogger<ToolLoop> logger)
{
    private ExecutionOptions Options => execution;

    /// <exception cref="BudgetExceededException">The first round could not be reserved (nothing was done).</exception>
    public async Task<LoopOutcome> RunAsync(AttemptContext context, ModelTier tier, IList<ChatMessage> prompt, IReadOnlyList<AIFunction> tools,
        ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var call = new ModelCallContext(context.OwnerId, context.Key.ProjectId, context.Key.TaskId, CallPurpose.Execution);
        // Tools that call a model themselves (local_llm) charge the same owner as the task's own calls.
        invocation.BindUser(context.OwnerId);
        var maxTokens = (int)(context.Task.MaxTokens ?? Options.DefaultMaxTokens);
        var rounds = new List<(IList<ChatMessage> Asked, ChatMessage Results)>();
        var texts = new List<string>();
        var tally = new Tally();
        for (var round = 1; ; round++)
        {
            var last = tools.Count == 0 || round > Math.Max(1, Options.MaxToolRounds);
            var options = new ChatOptions { MaxOutputTokens = maxTokens };
            if (tools.Count > 0)
            {
                options.Tools = [.. tools];
                options.ToolMode = last ? ChatToolMode.None : ChatToolMode.Auto;
            }
            ModelResponse response;
            try
            {
                response = await gateway.CompleteAsync(new ModelRequest(call, tier, null, Window(prompt, rounds), options), cancellationToken);
            }
            catch (BudgetExceededException ex) when (round > 1)
            {
                LogPartial(logger, context.Key.TaskId, round, ex.Scope);
                var stop = new BudgetStop(ex.Scope, ex.LimitUsd, ex.Message);
                return tally.Outcome(PartialText(texts, round, ex.Scope, invocation), round - 1, invocation, stop);
            }
            tally.Add(response, invocation.Spend);
            var text = response.Response.Text.Trim();
            if (text.Length > 0)
            {
                texts.Add(text);
            }
            var calls = response.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || last)
            {
                var output = text.Length > 0 ? text : string.Join("\n\n", texts);
                return tally.Outcome(output, round, invocation, null);
            }
            var results = new List<AIContent>();
            foreach (var functionCall in calls)
            {
                results.Add(await InvokeAsync(context, functionCall, tools, round, cancellationToken));
            }
            rounds.Add((response.Response.Messages, new ChatMessage(ChatRole.Tool, results)));
        }
    }

    /// <summary>The prompt and the latest rounds; older rounds are left out, and the prompt says how many.</summary>
    private List<ChatMessage> Window(IList<ChatMessage> prompt, List<(IList<ChatMessage> Asked, ChatMessage Results)> rounds)
    {
        var keep = Math.Max(1, Options.MaxHistoryRounds);
        var messages = new List<ChatMessage>(prompt);
        var omitted = rounds.Count - keep;
        if (omitted > 0)
        {
            var task = messages[^1];
            messages[^1] = new ChatMessage(task.Role, [.. task.Contents, new TextContent(
                $"\n\n({omitted} earlier tool round{(omitted == 1 ? " is" : "s are")} left out to keep this conversation short; " +
                "files written in them are in the workspace.)")]);
        }
        foreach (var (asked, results) in rounds.Skip(Math.Max(0, omitted)))
        {
            messages.AddRange(asked);
            messages.Add(results);
        }
        return messages;
    }

    private static string PartialText(List<string> texts, int round, string scope, ToolInvocation invocation)
    {
        var files = invocation.Artifacts.Count == 0 ? "" : " Files written so far: " + string.Join(", ", invocation.Artifacts.Select(a => a.Path)) + ".";
        var done = texts.Count == 0 ? "" : string.Join("\n\n", texts) + "\n\n";
        return done + $"[Partial result: the {scope} budget could not cover tool round {round}, so the task stopped here.{files}]";
    }

    /// <summary>The model of the last round; the spend itself accumulates on the invocation (with the tools' calls).</summary>
    private sealed class Tally
    {
        private string _model = "";

        public void Add(ModelResponse response, AttemptSpend spend)
        {
            spend.Add(response.PromptTokens, response.CompletionTokens, response.CostNanos);
            _model = response.Model;
        }

        public LoopOutcome Outcome(string output, int rounds, ToolInvocation invocation, BudgetStop? stop) =>
            new(output, _model, invocation.Spend.PromptTokens, invocation.Spend.CompletionTokens, invocation.Spend.CostNanos, rounds,
                invocation.Artifacts, stop);
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Task {TaskId}: the {Scope} budget refused tool round {Round}; ending with a partial result")]
    private static partial void LogPartial(ILogger logger, string taskId, int round, string scope);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Task {TaskId}: tool {Tool} failed")]
    private static partial void LogToolFailed(ILogger logger, string taskId, string tool, Exception exception);
}
