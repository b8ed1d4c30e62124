using Microsoft.Extensions.AI;
using Orchestration.Engine.Models;

namespace Orchestration.Server.Tests.Execution;

/// <summary>A hand-written model gateway for execution tests: answers at once, or waits on <see cref="Gate"/> when set.</summary>
internal sealed class GatedGateway : IModelGateway
{
    private int _calls;

    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The purpose of every call, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Orchestration.Core.Domain.CallPurpose> Purposes { get; } = new();

    /// <summary>What the verifier answers.</summary>
    public string VerificationAnswer { get; set; } = """{"verdict":"passed","notes":"ok"}""";

    /// <summary>When it answers true for a call, the call fails as a provider error would.</summary>
    public Func<ModelRequest, bool>? FailWhen { get; set; }

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        Purposes.Enqueue(request.Context.Purpose);
        Started.TrySetResult();
        if (FailWhen?.Invoke(request) == true)
        {
            throw new HttpRequestException("The provider closed the connection.");
        }
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        // Verification passes; knowledge extraction is skipped anyway ("done" is shorter than its minimum).
        var text = request.Context.Purpose == Orchestration.Core.Domain.CallPurpose.Verification ? VerificationAnswer : "done";
        return new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), "simulated",
            "claude-haiku-4-5-20251001", 10, 5, 100, Simulated: true);
    }
}
