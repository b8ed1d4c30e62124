using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;

namespace Orchestration.Bench.Executor;

/// <summary>
/// The subscribers of the SSE figure, in a process of their own (as remote clients would be), started by
/// <see cref="SseBench"/>: N streams on one URL; prints "connected" once every stream is open, then records the
/// receive instant (Stopwatch ticks: the same monotonic clock in both processes) of each event in [first, last] and
/// writes them, one row per subscriber, to the output file. Only the load generator is tuned (inline socket
/// completions, set by the parent in its environment), never the server under test.
/// </summary>
internal static class SseClients
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = args.Get("url") ?? throw new ArgumentException("--url is required");
        var subscribers = args.GetInt("subscribers", 1000);
        var first = long.Parse(args.Get("first") ?? "1", CultureInfo.InvariantCulture);
        var last = long.Parse(args.Get("last") ?? "1", CultureInfo.InvariantCulture);
        var output = args.Get("out") ?? throw new ArgumentException("--out is required");
        var count = (int)(last - first + 1);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var received = new long[subscribers][];
        var connected = new TaskCompletionSource[subscribers];
        var readers = new Task[subscribers];
        for (var s = 0; s < subscribers; s++)
        {
            received[s] = new long[count];
            connected[s] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            readers[s] = ReadAsync(http, url, first, last, received[s], connected[s]);
        }
        await Task.WhenAll(connected.Select(c => c.Task)).WaitAsync(TimeSpan.FromMinutes(2));
        Console.WriteLine("connected");
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(5));

        await using var file = new BinaryWriter(File.Create(output));
        foreach (var row in received)
        {
            foreach (var at in row)
            {
                file.Write(at);
            }
        }
        return 0;
    }

    private static async Task ReadAsync(HttpClient http, string url, long first, long last, long[] received, TaskCompletionSource connected)
    {
        await Task.Yield();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        connected.TrySetResult();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            var now = Stopwatch.GetTimestamp();
            if (item.EventId is null || !long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                return; // stream_overflow: this subscriber was cut off
            }
            if (seq >= first && seq <= last)
            {
                received[seq - first] = now;
            }
            if (seq >= last)
            {
                return;
            }
        }
    }
}
