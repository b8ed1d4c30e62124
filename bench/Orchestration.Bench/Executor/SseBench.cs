using Orchestration.Core.Events;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Events;
using Orchestration.Server.Hosting;

namespace Orchestration.Bench.Executor;

/// <summary>
/// The real server (Kestrel on loopback, in this process) with N SSE subscribers on one project, the subscribers in a
/// child process (<see cref="SseClients"/>) as remote clients would be; both share this machine's cores. Events are
/// committed through IEventPublisher, first back to back (throughput), then paced at 100 and at 20 events/s (lag below
/// saturation). Lag = client receive time − the commit/publish time of the event (Stopwatch ticks, the system's
/// monotonic clock, the same in both processes). The baseline is a stream that polls the event table every 2 s,
/// simulated on the same commit times.
/// </summary>
internal static class SseBench
{
    private const double PollSeconds = 2.0;

    public static async Task<IEnumerable<BenchResult>> RunAsync(int subscribers, int events)
    {
        var directory = Directory.CreateTempSubdirectory("orch-bench-sse-").FullName;
        var config = BenchServerConfig.In(directory);
        await using var app = await ServerHost.CreateAsync(config, configureServices: s => s.AddSingleton(new EventBusOptions { SubscriberBufferSize = 4096 }));
        await app.StartAsync();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(app.ListeningAddress()), Timeout = Timeout.InfiniteTimeSpan };
            var project = await CreateProjectAsync(http);
            var burst = await MeasureAsync(app, http, project, subscribers, events, pace: null);
            var paced = await MeasureAsync(app, http, project, subscribers, Math.Max(50, events / 3), pace: TimeSpan.FromMilliseconds(10));
            var calm = await MeasureAsync(app, http, project, subscribers, Math.Max(30, events / 10), pace: TimeSpan.FromMilliseconds(50));
            return
            [
                new($"sse.{subscribers}_subscribers.burst.events_per_sec_delivered", burst.EventsPerSecond, "events/s", burst.BaselineEventsPerSecond, "events/s"),
                new($"sse.{subscribers}_subscribers.burst.commit_to_client_lag.p99", burst.P99Ms, "ms", burst.BaselineP99Ms, "ms"),
                new($"sse.{subscribers}_subscribers.paced_100_per_sec.commit_to_client_lag.p50", paced.P50Ms, "ms", paced.BaselineP50Ms, "ms"),
                new($"sse.{subscribers}_subscribers.paced_100_per_sec.commit_to_client_lag.p99", paced.P99Ms, "ms", paced.BaselineP99Ms, "ms"),
                new($"sse.{subscribers}_subscribers.paced_20_per_sec.commit_to_client_lag.p50", calm.P50Ms, "ms", calm.BaselineP50Ms, "ms"),
                new($"sse.{subscribers}_subscribers.paced_20_per_sec.commit_to_client_lag.p99", calm.P99Ms, "ms", calm.BaselineP99Ms, "ms"),
                new($"sse.{subscribers}_subscribers.dropped_events", burst.Dropped + paced.Dropped + calm.Dropped, "events", 0, "events"),
            ];
        }
        finally
        {
            await app.StopAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS.
            }
        }
    }

    private sealed record Measurement(double EventsPerSecond, double P50Ms, double P99Ms, long Dropped,
        double BaselineEventsPerSecond, double BaselineP50Ms, double BaselineP99Ms);

    private static async Task<Measurement> MeasureAsync(WebApplication app, HttpClient http, string project, int subscribers, int count, TimeSpan? pace)
    {
        var token = (await (await http.PostAsync($"/api/events/{project}/token", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var publisher = app.Services.GetRequiredService<IEventPublisher>();
        var bus = app.Services.GetRequiredService<IEventBus>();
        var firstSeq = await publisher.PublishAsync(new NewEvent(project, "marker", "start of a measurement"), CancellationToken.None) + 1;
        var lastSeq = firstSeq + count - 1;
        var url = new Uri(new Uri(app.ListeningAddress()), $"/api/events/{project}?token={Uri.EscapeDataString(token)}&after={firstSeq - 1}");
        var output = Path.GetTempFileName();
        using var clients = StartClients(url, subscribers, firstSeq, lastSeq, output);
        while (await clients.StandardOutput.ReadLineAsync() is { } line && line != "connected")
        {
        }
        if (clients.HasExited)
        {
            throw new InvalidOperationException("The SSE client process stopped: " + await clients.StandardError.ReadToEndAsync());
        }

        // The commit/publish instant of each event, read from the bus in this process.
        var publishedAt = new long[count];
        using var probe = bus.Subscribe(project);
        var probeDone = Task.Run(async () =>
        {
            await foreach (var e in probe.Reader.ReadAllAsync())
            {
                if (e.Event.Seq >= firstSeq && e.Event.Seq <= lastSeq)
                {
                    publishedAt[e.Event.Seq - firstSeq] = e.PublishedAt;
                    if (e.Event.Seq == lastSeq)
                    {
                        return;
                    }
                }
            }
        });
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(new NewEvent(project, "tool_call", $"event {i}", null,
                new Dictionary<string, object?> { ["tool"] = "read_file", ["cost_usd"] = 0.0001 }), CancellationToken.None);
            if (pace is { } wait)
            {
                await Task.Delay(wait);
            }
        }
        await probeDone.WaitAsync(TimeSpan.FromMinutes(1));
        await clients.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (clients.ExitCode != 0)
        {
            throw new InvalidOperationException("The SSE client process failed: " + await clients.StandardError.ReadToEndAsync());
        }
        var received = ReadReceived(output, subscribers, count);
        File.Delete(output);
        var dropped = received.Sum(row => row.LongCount(r => r == 0));

        var lags = new List<double>(subscribers * count);
        long lastReceive = 0;
        for (var s = 0; s < subscribers; s++)
        {
            for (var i = 0; i < count; i++)
            {
                if (received[s][i] != 0)
                {
                    lags.Add(Stopwatch.GetElapsedTime(publishedAt[i], received[s][i]).TotalMilliseconds);
                    lastReceive = Math.Max(lastReceive, received[s][i]);
                }
            }
        }
        lags.Sort();
        var span = Stopwatch.GetElapsedTime(publishedAt[0], lastReceive).TotalSeconds;
        // Baseline: a poll of the table every 2 s (phase at the first commit) delivers everything committed since.
        var offsets = publishedAt.Select(p => Stopwatch.GetElapsedTime(publishedAt[0], p).TotalSeconds).ToList();
        var baselineLags = offsets.Select(t => (PollSeconds - (t % PollSeconds)) * 1000).Order().ToList();
        var baselineSpan = Math.Ceiling((offsets[^1] + 1e-9) / PollSeconds) * PollSeconds;
        return new Measurement(lags.Count / span, Percentile(lags, 0.5), Percentile(lags, 0.99), dropped,
            (double)subscribers * count / baselineSpan, Percentile(baselineLags, 0.5), Percentile(baselineLags, 0.99));
    }

    private static System.Diagnostics.Process StartClients(Uri url, int subscribers, long firstSeq, long lastSeq, string output)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SseBench).Assembly.Location);
        }
        foreach (var arg in new[]
        {
            "sse-clients", "--url", url.ToString(), "--subscribers", subscribers.ToString(CultureInfo.InvariantCulture),
            "--first", firstSeq.ToString(CultureInfo.InvariantCulture), "--last", lastSeq.ToString(CultureInfo.InvariantCulture), "--out", output,
        })
        {
            start.ArgumentList.Add(arg);
        }
        // The load generator's socket completions run inline on its event threads: cheaper clients, the server untouched.
        start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        return System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("Could not start the SSE client process.");
    }

    private static long[][] ReadReceived(string path, int subscribers, int count)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var received = new long[subscribers][];
        for (var s = 0; s < subscribers; s++)
        {
            received[s] = new long[count];
            for (var i = 0; i < count; i++)
            {
                received[s][i] = reader.ReadInt64();
            }
        }
        return received;
    }

    private static async Task<string> CreateProjectAsync(HttpClient http)
    {
        var credentials = new { email = "bench@example.com", password = "bench-password-123", display_name = "" };
        (await http.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/api/auth/login", credentials)).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("access_token").GetString());
        var project = await (await http.PostAsJsonAsync("/api/projects", new { name = "sse bench", requirements = "Stream events." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return project.GetProperty("id").GetString()!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
