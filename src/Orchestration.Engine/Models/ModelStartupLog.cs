using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Models;

/// <summary>Says at startup which provider answers model calls; the simulated one is announced as a warning.</summary>
internal sealed class ModelStartupLog(ModelRouter router, ProvidersOptions providers, ILogger<ModelStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ModelLogs.DefaultProvider(logger, router.DefaultProvider, providers.Default);
        if (router.IsSimulated)
        {
            ModelLogs.SimulatedActive(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
