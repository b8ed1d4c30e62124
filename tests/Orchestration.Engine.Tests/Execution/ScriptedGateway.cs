using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Execution;

/// <summary>A hand-written gateway: answers through <see cref="Handler"/>, counting calls and peak concurrency.</summary>
internal sealed class ScriptedGateway : IModelGateway
{
    private int _running;
    private int _calls;

    public Func<ModelRequest, CancellationToken, Task<ModelResponse>> Handler { get; set; } = (r, _) => Task.FromResult(Answer(r));

    public int PeakConcurrency { get; private set; }

    public int Calls => Volatile.Read(ref _calls);

    public List<ModelRequest> Requests { get; } = [];

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
            PeakConcurrency = Math.Max(PeakConcurrency, ++_running);
        }
        try
        {
            return await Handler(request, cancellationToken);
        }
        finally
        {
            lock (Requests)
            {
                _running--;
            }
        }
    }

    /// <summary>An execution answer ("output of {title}"), a passing verdict, or no findings, by the call's purpose.</summary>
    public static ModelResponse Answer(ModelRequest request, string? text = null) =>
        new(new ChatResponse(new ChatMessage(ChatRole.Assistant, text ?? request.Context.Purpose switch
            {
                CallPurpose.Verification => """{"verdict":"passed","notes":"meets the criteria"}""",
                CallPurpose.Knowledge => """{"findings":[]}""",
                _ => $"output of {TitleOf(request)}",
            })),
            "simulated", "claude-haiku-4-5-20251001", 100, 50, 1_000, Simulated: true);

    /// <summary>The task title, read back from the prompt ("## Your task: ..."; verification and knowledge calls: "Task: ...").</summary>
    public static string TitleOf(ModelRequest request)
    {
        var prompt = request.Messages.First(m => m.Role == ChatRole.User).Text;
        if (request.Context.Purpose != CallPurpose.Execution)
        {
            var line = prompt.Split('\n')[0];
            return line.StartsWith("Task: ", StringComparison.Ordinal) ? line["Task: ".Length..] : line;
        }
        var start = prompt.IndexOf("## Your task: ", StringComparison.Ordinal) + "## Your task: ".Length;
        return prompt[start..prompt.IndexOf('\n', start)];
    }
}
