using Orchestration.Bench;
using Orchestration.Bench.Chaos;
using Orchestration.Bench.Cluster;
using Orchestration.Bench.Footprint;
using Orchestration.Bench.Executor;
using Orchestration.Bench.Ledger;
using Orchestration.Bench.Rag;
using Orchestration.Bench.Spend;

// dotnet run -c Release --project bench/Orchestration.Bench -- <benchmark> [options] [--json FILE]
// Each benchmark prints "name: value unit" lines; --json FILE also writes them as JSON.
var benchmarks = new Dictionary<string, (string Summary, Func<BenchArgs, Task<IReadOnlyList<BenchResult>>> Run)>(StringComparer.Ordinal)
{
    ["ledger"] = ("budget ledger: reservations+settlements per second and overhead per model call", LedgerBench.RunAsync),
    ["executor"] = ("executor: chain dispatch latency, independent-task throughput, DAG makespan vs ideal, SSE fan-out", ExecutorBench.RunAsync),
    ["chaos"] = ("crash trials: SIGKILL at random moments of runs, restart, drive to the end, check every invariant", ChaosBench.RunAsync),
    ["cluster"] = ("several nodes on PostgreSQL: tasks/s on 1-3 nodes, zero-latency PostgreSQL vs SQLite, takeover after a kill", ClusterBench.RunAsync),
    ["footprint"] = ("published server: cold start to /healthz, idle memory after start and after a web UI visit", FootprintBench.RunAsync),
    ["spend"] = ("spend on a fixed suite of plans (simulated provider): routed vs all-Sonnet vs all-Haiku, cache-read share, forecast accuracy", SpendBench.RunAsync),
    ["rag"] = ("knowledge databases: model load, ingest, query latency per mode; at --chunks N (100000): HNSW build, memory, p50/p99, recall@10 beside exact search",
        async args => [.. await RagBench.RunAsync(args), .. await AnnBench.RunAsync(args)]),
};

// The SSE figure's subscribers run in a child process of their own (see SseClients).
if (args.Length > 0 && args[0] == "sse-clients")
{
    return await SseClients.RunAsync(BenchArgs.Parse(args[1..]));
}

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: Orchestration.Bench <benchmark> [--json FILE] [options]");
    foreach (var (name, (summary, _)) in benchmarks)
    {
        Console.Error.WriteLine($"  {name,-10} {summary}");
    }
    return 2;
}

var options = BenchArgs.Parse(args[1..]);
var results = await benchmark.Run(options);
await BenchReport.WriteAsync(results, options.JsonPath);
return 0;
