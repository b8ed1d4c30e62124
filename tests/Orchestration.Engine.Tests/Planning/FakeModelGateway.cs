using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Planning;

/// <summary>A gateway that answers from a callback and records every request (a copy of its messages at call time).</summary>
internal sealed class FakeModelGateway : IModelGateway
{
    public ConcurrentQueue<ModelRequest> Requests { get; } = new();

    /// <summary>Answers the n-th call (1-based) with a text; throwing from it simulates a failing call.</summary>
    public Func<int, ModelRequest, string> Answer { get; set; } = (_, _) => "";

    public ChatFinishReason FinishReason { get; set; } = ChatFinishReason.Stop;

    public Func<int, ModelRequest, CancellationToken, Task>? BeforeAnswer { get; set; }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var copy = request with { Messages = [.. request.Messages] };
        Requests.Enqueue(copy);
        var call = Requests.Count;
        if (BeforeAnswer is not null)
        {
            await BeforeAnswer(call, copy, cancellationToken);
        }
        var text = Answer(call, copy);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = FinishReason };
        return new ModelResponse(response, "anthropic", request.Model ?? "unknown", PromptTokens: 1_000, CompletionTokens: 500, CostNanos: 10_500_000, Simulated: false);
    }
}
