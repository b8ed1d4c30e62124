using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Models;

namespace Orchestration.Server.Tests.Plans;

/// <summary>A planning model whose answers the test writes, in place of the server's model gateway.</summary>
internal static class PlanningServices
{
    public static Action<IServiceCollection> Scripted(ScriptedGateway gateway) => services => services.AddSingleton<IModelGateway>(gateway);
}

/// <summary>A gateway whose answers (or failures) the test writes; it can hold a call until released.</summary>
internal sealed class ScriptedGateway : IModelGateway
{
    private int _calls;

    public Func<int, string> Answer { get; set; } = _ => "";

    public TaskCompletionSource? Entered { get; set; }

    public TaskCompletionSource? Release { get; set; }

    public int Calls => _calls;

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        Entered?.TrySetResult();
        if (Release is not null)
        {
            await Release.Task.WaitAsync(cancellationToken);
        }
        var text = Answer(call);
        return new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), "anthropic", request.Model!, 800, 300, 6_900_000, false);
    }
}
