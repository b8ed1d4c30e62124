using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;

namespace Orchestration.Server.Tests.Knowledge;

/// <summary>Passes every call on to the host's real gateway (the simulated provider) and keeps the prompt of each
/// execution call, so a test can read what a task was told.</summary>
internal sealed class PromptRecorder
{
    private readonly ConcurrentQueue<(string? TaskId, string Text)> _executions = new();

    /// <summary>Registers the recorder around the host's own gateway.</summary>
    public void Register(IServiceCollection services) =>
        services.AddSingleton<IModelGateway>(sp => new Recording(sp.GetRequiredService<ModelGateway>(), this));

    /// <summary>The whole prompt (every message's text) of each execution call for the task, in order.</summary>
    public IReadOnlyList<string> PromptsOf(string taskId) => [.. _executions.Where(e => e.TaskId == taskId).Select(e => e.Text)];

    private sealed class Recording(IModelGateway inner, PromptRecorder owner) : IModelGateway
    {
        public Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
        {
            if (request.Context.Purpose == CallPurpose.Execution)
            {
                owner._executions.Enqueue((request.Context.TaskId, string.Join("\n\n", request.Messages.Select(m => m.Text))));
            }
            return inner.CompleteAsync(request, cancellationToken);
        }
    }
}
