using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Execution;

namespace Orchestration.Engine.Tests.Execution;

/// <summary>The executor's OpenTelemetry: a span per attempt and metrics by outcome, as an exporter would see them.</summary>
public sealed class ExecutionTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_attempt_is_a_span_and_attempts_runs_and_in_flight_counts_are_measured_by_outcome()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ExecutionTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);
        await using var harness = await new EngineHarness(c => c.Execution.AutoRetries = 0).StartAsync();
        harness.Gateway.Handler = (r, _) => ScriptedGateway.TitleOf(r) == "t1"
            ? throw new InvalidOperationException("no")
            : Task.FromResult(ScriptedGateway.Answer(r));
        // Only this host's meter: tests running alongside have executors of their own.
        var factory = harness.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? Tag)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ExecutionTelemetry.SourceName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tag(tags))));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tag(tags))));
        meters.Start();

        var (user, project, tasks) = await harness.SeedAsync([], []);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_failed");
        meters.RecordObservableInstruments();

        var mine = spans.Where(s => Equals(s.GetTagItem("orch.project.id"), project)).ToList();
        Assert.Equal(tasks.Order(), mine.Select(s => (string)s.GetTagItem("orch.task.id")!).Order());
        Assert.Equal(["completed", "failed"], mine.Select(s => (string)s.GetTagItem("orch.attempt.outcome")!).Order());
        Assert.Equal(ActivityStatusCode.Error, mine.Single(s => Equals(s.GetTagItem("orch.attempt.outcome"), "failed")).Status);
        var seen = measurements.ToList();
        Assert.Equal(1, seen.Count(m => m is ("orch.task.attempts", 1, "completed")));
        Assert.Equal(1, seen.Count(m => m is ("orch.task.attempts", 1, "failed")));
        Assert.Equal(2, seen.Count(m => m.Instrument == "orch.task.attempt.duration" && m.Value >= 0));
        Assert.Equal(0, seen.Where(m => m.Instrument == "orch.task.attempts.running").Sum(m => m.Value));
        Assert.Contains(seen, m => m is ("orch.project.runs", 1, "failed"));
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0 ? null : tags[0].Value?.ToString();
}
