using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tools.Media;

/// <summary>
/// local_llm: one call to the local model (the ollama tier) for a draft, a summary or a small sub-task. It goes
/// through <see cref="IModelGateway"/> like every model call, so it is recorded as usage of the task (free on Ollama).
/// </summary>
internal sealed class LocalLlmTool(IModelGateway gateway, OllamaOptions ollama, ILogger<LocalLlmTool> logger) : ITaskTool
{
    public const int DefaultMaxTokens = 1024;
    public const int MaxTokensLimit = 8192;
    public const int MaxPromptChars = 100_000;
    public const int MaxAnswerChars = 16_000;

    private static readonly JsonElement Schema = JsonDocument.Parse(
        $$$"""
        {"type":"object","properties":{
          "prompt":{"type":"string","description":"Everything the local model needs: it sees neither this conversation nor the workspace"},
          "system":{"type":"string","description":"Optional instructions for how the local model should answer"},
          "max_tokens":{"type":"integer","minimum":1,"maximum":{{{MaxTokensLimit}}},"description":"Longest answer in tokens (default {{{DefaultMaxTokens}}})"}},
         "required":["prompt"],"additionalProperties":false}
        """).RootElement.Clone();

    public string Name => DefaultTools.LocalLlm;

    public string Description =>
        $"Ask the local model ({ollama.DefaultModel} on Ollama; free) for a draft, a summary or a small sub-task and get its " +
        "answer as text. It does not see this conversation or the workspace: put all it needs in the prompt.";

    public JsonElement ParametersSchema => Schema;

    public async Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var prompt = ToolArguments.RequiredString(arguments, "prompt");
        var system = ToolArguments.OptionalString(arguments, "system");
        var maxTokens = ToolArguments.OptionalInt(arguments, "max_tokens") ?? DefaultMaxTokens;
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ToolException("The 'prompt' argument must not be empty.");
        }
        if (prompt.Length + (system?.Length ?? 0) > MaxPromptChars)
        {
            throw new ToolException($"The prompt and system text are {prompt.Length + (system?.Length ?? 0):N0} characters; local_llm takes at most " +
                                    $"{MaxPromptChars:N0}. Send a shorter excerpt.");
        }
        if (maxTokens is < 1 or > MaxTokensLimit)
        {
            throw new ToolException($"'max_tokens' must be between 1 and {MaxTokensLimit} (got {maxTokens}).");
        }
        var userId = invocation.UserId
                     ?? throw new InvalidOperationException("local_llm needs the task's owner on the tool invocation (the tool loop binds it).");
        List<ChatMessage> messages = string.IsNullOrWhiteSpace(system)
            ? [new(ChatRole.User, prompt)]
            : [new(ChatRole.System, system), new(ChatRole.User, prompt)];
        var request = new ModelRequest(new ModelCallContext(userId, invocation.ProjectId, invocation.TaskId, CallPurpose.Execution),
            ModelTier.Ollama, null, messages, new ChatOptions { MaxOutputTokens = maxTokens });
        ModelResponse response;
        try
        {
            response = await gateway.CompleteAsync(request, cancellationToken);
        }
        catch (ModelProviderException ex)
        {
            MediaToolLogs.LocalModelFailed(logger, invocation.TaskId, ex.Provider, ex.IsTransient);
            throw new ToolException($"The local model could not answer: {ex.Message}" +
                                    (ex.IsTransient ? " It may be offline (ollama.hosts); do the work without it or try later." : ""));
        }
        invocation.Spend.Add(response.PromptTokens, response.CompletionTokens, response.CostNanos);
        var text = response.Response.Text.Trim();
        if (text.Length == 0)
        {
            return "The local model returned no text.";
        }
        return text.Length <= MaxAnswerChars
            ? text
            : text[..MaxAnswerChars] + $"\n\n[local_llm: the answer was {text.Length:N0} characters; showing the first {MaxAnswerChars:N0}]";
    }
}
