using Microsoft.Extensions.AI;
using Orchestration.Engine.Models;

namespace Orchestration.Bench.Executor;

/// <summary>A model that answers after the latency set for the task's title (none: at once), with a fixed small usage.</summary>
internal sealed class BenchGateway : IModelGateway
{
    private static readonly ChatResponse Reply = new(new ChatMessage(ChatRole.Assistant, "done"));

    public IReadOnlyDictionary<string, TimeSpan> Latencies { get; set; } = new Dictionary<string, TimeSpan>();

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        if (Latencies.Count > 0 && Latencies.TryGetValue(TitleOf(request), out var latency))
        {
            await Task.Delay(latency, cancellationToken);
        }
        return new ModelResponse(Reply, "simulated", "claude-haiku-4-5-20251001", 100, 20, 200, Simulated: true);
    }

    private static string TitleOf(ModelRequest request)
    {
        var prompt = request.Messages[^1].Text;
        var start = prompt.IndexOf("## Your task: ", StringComparison.Ordinal) + "## Your task: ".Length;
        return prompt[start..prompt.IndexOf('\n', start)];
    }
}
