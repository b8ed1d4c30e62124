using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Models;
using Orchestration.Storage.Projects;

namespace Orchestration.Engine.Planning;

internal sealed partial class Planner
{
    private const int MaxCalls = 2;

    /// <summary>A valid plan and what it took to get it (summed over the calls made).</summary>
    private sealed record PlannerAnswer(PlanDocument Plan, string Model, long PromptTokens, long CompletionTokens, long CostNanos, int Calls);

    private Task<PlannerAnswer> AskAsync(Project project, IReadOnlyList<Requirement> requirements, PlanningRigor rigor, CancellationToken cancellationToken) =>
        AskAsync(project, PlannerPrompts.UserMessage(project.Name, requirements), requirements, requirements, rigor, cancellationToken);

    /// <param name="toPlan">The requirements the plan is for (shown again when the answer must be repaired).</param>
    /// <param name="known">Every requirement id a task may cite.</param>
    private async Task<PlannerAnswer> AskAsync(Project project, string userMessage, IReadOnlyList<Requirement> toPlan, IReadOnlyList<Requirement> known,
        PlanningRigor rigor, CancellationToken cancellationToken)
    {
        var requirements = toPlan;
        var ids = known.Select(r => r.Id).ToList();
        List<ChatMessage> messages =
        [
            new(ChatRole.System, PlannerPrompts.SystemPrompt(rigor)),
            new(ChatRole.User, userMessage),
        ];
        var context = new ModelCallContext(project.OwnerId, project.Id, null, CallPurpose.Planning);
        long prompt = 0, completion = 0, cost = 0;
        PlanValidationResult? result = null;
        for (var call = 1; call <= MaxCalls; call++)
        {
            var options = new ChatOptions
            {
                MaxOutputTokens = PlannerPrompts.MaxTokens(rigor),
                AdditionalProperties = new() { [ModelOptionKeys.Rigor] = rigor.ToWire() },
            };
            var response = await gateway.CompleteAsync(
                new ModelRequest(context, Tier: null, anthropic.PlanningModel, messages, options), cancellationToken);
            (prompt, completion, cost) = (prompt + response.PromptTokens, completion + response.CompletionTokens, cost + response.CostNanos);

            var text = response.Response.Text;
            var parsed = PlanParser.Parse(text);
            result = parsed.Found ? PlanValidator.Validate(parsed.Json, ids) : PlanValidationResult.Invalid("plan", parsed.Error!);
            if (result.IsValid)
            {
                return new PlannerAnswer(result.Plan!, response.Model, prompt, completion, cost, call);
            }
            if (call < MaxCalls)
            {
                PlanningLogs.Reasking(logger, project.Id, result.Errors.Values.Sum(v => v.Length), result.Summary);
                messages.Add(new ChatMessage(ChatRole.Assistant, string.IsNullOrEmpty(text) ? "(empty answer)" : text));
                messages.Add(new ChatMessage(ChatRole.User, RepairMessage(result, response.Response.FinishReason, requirements)));
            }
        }
        throw new PlanningFailedException(PlanningFailureKind.InvalidPlan,
            $"The planning model did not return a valid plan, also when asked again: {result!.Summary}", result.Errors);
    }

    /// <summary>The problems, a hint when the answer was cut off, and the requirements again (the last user message
    /// must stand on its own: some providers, the simulated one included, read only that).</summary>
    private static string RepairMessage(PlanValidationResult result, ChatFinishReason? finish, IReadOnlyList<Requirement> requirements)
    {
        var problems = result.Lines.ToList();
        if (finish == ChatFinishReason.Length)
        {
            problems.Insert(0, "the answer was cut off at the token limit: write a shorter plan (fewer, broader tasks; shorter descriptions).");
        }
        return PlannerPrompts.RepairMessage(problems) + "\n\nThe requirements, for reference:\n\n" + RequirementSplitter.Render(requirements);
    }
}
