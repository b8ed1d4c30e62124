using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;

namespace Orchestration.Engine.Models;

/// <summary>Who a model call is for and why; recorded on its usage row and checked against the budgets.</summary>
/// <param name="UserId">The project owner (or the acting user).</param>
/// <param name="ProjectId">Null only for calls outside any project.</param>
/// <param name="TaskId">Set for execution, verification and knowledge calls of a task.</param>
public sealed record ModelCallContext(string UserId, string? ProjectId, string? TaskId, CallPurpose Purpose);

/// <summary>One model call. Either <see cref="Tier"/> (routed to the tier's model) or <see cref="Model"/> (an exact model
/// name, e.g. the planning or verification model) is set.</summary>
public sealed record ModelRequest(
    ModelCallContext Context,
    ModelTier? Tier,
    string? Model,
    IList<ChatMessage> Messages,
    ChatOptions Options);

/// <summary>The answer, with what it cost and who answered. <see cref="Simulated"/> is true when the
/// offline simulated provider produced it.</summary>
public sealed record ModelResponse(
    ChatResponse Response,
    string Provider,
    string Model,
    long PromptTokens,
    long CompletionTokens,
    long CostNanos,
    bool Simulated);

/// <summary>
/// The one door to every model: resolves the provider and model, reserves the worst-case cost against the budgets
/// (refusing with <see cref="BudgetExceededException"/> when it cannot), calls the provider with retries,
/// records usage and settles the reservation to the real cost.
/// </summary>
public interface IModelGateway
{
    Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken);
}

/// <summary>A call that the budget cannot cover; nothing was sent. The API answers 402.</summary>
public sealed class BudgetExceededException(string scope, decimal limitUsd, string message) : Exception(message)
{
    /// <summary>daily, monthly or project.</summary>
    public string Scope { get; } = scope;
    public decimal LimitUsd { get; } = limitUsd;
}
