using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestration.Core.Domain;

namespace Orchestration.Engine.Execution;

/// <summary>
/// OpenTelemetry for the executor: one span per task attempt (the model calls' GenAI spans nest under it) and metrics
/// of attempts by outcome, their duration, attempts in flight and finished runs. The server exports them with
/// <c>AddSource</c>/<c>AddMeter</c>(<see cref="SourceName"/>) when server.otlp_endpoint is set.
/// </summary>
public sealed class ExecutionTelemetry : IDisposable
{
    public const string SourceName = "Orchestration.Execution";

    private static readonly ActivitySource Source = new(SourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _running;
    private readonly Counter<long> _runs;

    public ExecutionTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(SourceName);
        _attempts = _meter.CreateCounter<long>("orch.task.attempts", "{attempt}", "Task attempts by how they ended.");
        _duration = _meter.CreateHistogram<double>("orch.task.attempt.duration", "s", "How long task attempts took, by how they ended.");
        _running = _meter.CreateUpDownCounter<long>("orch.task.attempts.running", "{attempt}", "Task attempts in flight.");
        _runs = _meter.CreateCounter<long>("orch.project.runs", "{run}", "Project runs that finished, by status.");
    }

    /// <summary>Starts an attempt's span and counts it as running; dispose the result when the attempt's outcome is known.</summary>
    internal AttemptTelemetry StartAttempt(string projectId, string taskId)
    {
        var activity = Source.StartActivity("orch.task.attempt", ActivityKind.Internal);
        activity?.SetTag("orch.project.id", projectId);
        activity?.SetTag("orch.task.id", taskId);
        _running.Add(1);
        return new AttemptTelemetry(this, activity, Stopwatch.GetTimestamp());
    }

    internal void RunFinished(string status) => _runs.Add(1, new KeyValuePair<string, object?>("orch.project.status", status));

    internal void AttemptEnded(string outcome, double seconds)
    {
        var tag = new KeyValuePair<string, object?>("orch.attempt.outcome", outcome);
        _running.Add(-1);
        _attempts.Add(1, tag);
        _duration.Record(seconds, tag);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>One attempt's span and clock.</summary>
internal sealed class AttemptTelemetry(ExecutionTelemetry telemetry, Activity? activity, long startedAt)
{
    public void End(AttemptOutcome outcome)
    {
        var name = outcome.Kind.ToWire();
        activity?.SetTag("orch.attempt.outcome", name);
        if (outcome.Kind is AttemptOutcomeKind.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
        activity?.Dispose();
        telemetry.AttemptEnded(name, Stopwatch.GetElapsedTime(startedAt).TotalSeconds);
    }
}
