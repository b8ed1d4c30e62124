using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Models;

namespace Orchestration.Server.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics (HTTP server and client, the GenAI spans of every model call, and the executor's task
/// attempts and runs), exported over
/// OTLP/HTTP when <c>server.otlp_endpoint</c> is set. Without an endpoint nothing is collected.
/// </summary>
internal static class TelemetrySetup
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, ServerOptions server)
    {
        if (string.IsNullOrWhiteSpace(server.OtlpEndpoint))
        {
            return services;
        }
        var endpoint = server.OtlpEndpoint.TrimEnd('/');
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("orchestration-engine"))
            .WithTracing(t => t
                .AddSource(ModelTelemetry.SourceName, ExecutionTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = new Uri(endpoint + "/v1/traces"); o.Protocol = OtlpExportProtocol.HttpProtobuf; }))
            .WithMetrics(m => m
                .AddMeter(ModelTelemetry.SourceName, ExecutionTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => { o.Endpoint = new Uri(endpoint + "/v1/metrics"); o.Protocol = OtlpExportProtocol.HttpProtobuf; }));
        return services;
    }
}
