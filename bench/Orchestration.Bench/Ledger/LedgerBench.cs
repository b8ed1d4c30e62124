using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Models;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Usage;

namespace Orchestration.Bench.Ledger;

/// <summary>
/// The budget ledger on a real SQLite file, wired as the server wires it: one model call's share of the ledger
/// is one reservation plus one settlement (which writes the usage row). Options: --calls N (default 5000),
/// --dir DIR (where the database file goes; default a fresh temp directory, deleted after).
/// </summary>
public static class LedgerBench
{
    private static readonly int[] Concurrency = [8, 64];

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var calls = args.GetInt("calls", 5000);
        var directory = args.Get("dir") is { } dir ? Directory.CreateDirectory(dir).FullName : Directory.CreateTempSubdirectory("orch-bench-ledger-").FullName;
        var path = Path.Combine(directory, $"ledger-{Ids.New()}.db");
        var config = new OrchestrationConfig
        {
            // Caps far above what the run spends: every reservation takes the full path and is admitted.
            Budget = new BudgetOptions { DailyLimitUsd = 1_000_000m, MonthlyLimitUsd = 1_000_000m, PerProjectLimitUsd = 1_000_000m },
        };
        var services = new ServiceCollection().AddLogging().AddConfigSections(config).AddSqliteStorage(path).AddBudget().BuildServiceProvider();
        try
        {
            await services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
            var (user, project) = await SeedAsync(services.GetRequiredService<SqliteDatabase>());
            var ledger = services.GetRequiredService<IBudgetLedger>();
            var call = new ModelCallContext(user, project, null, CallPurpose.Execution);

            await RunCallsAsync(ledger, call, Math.Min(500, calls), latencies: null); // warm-up: JIT, pool, page cache
            var results = new List<BenchResult>();
            var latencies = new double[calls];
            var single = await RunCallsAsync(ledger, call, calls, latencies);
            results.Add(new("ledger.single.reservations_and_settlements_per_sec", 2 * calls / single.TotalSeconds, "ops/s"));
            results.Add(new("ledger.single.calls_per_sec", calls / single.TotalSeconds, "calls/s"));
            Array.Sort(latencies);
            results.Add(new("ledger.overhead_per_call.mean", latencies.Average(), "ms"));
            results.Add(new("ledger.overhead_per_call.p50", latencies[latencies.Length / 2], "ms"));
            results.Add(new("ledger.overhead_per_call.p99", latencies[(int)(latencies.Length * 0.99)], "ms"));

            foreach (var callers in Concurrency)
            {
                var perCaller = Math.Max(1, calls / callers);
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => RunCallsAsync(ledger, call, perCaller, latencies: null))));
                var elapsed = clock.Elapsed;
                results.Add(new($"ledger.concurrent_{callers}.reservations_and_settlements_per_sec", 2 * perCaller * callers / elapsed.TotalSeconds, "ops/s"));
            }
            return results;
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(directory, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
            if (args.Get("dir") is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>Reserves and settles <paramref name="count"/> calls one after another; records each call's ledger time in ms.</summary>
    private static async Task<TimeSpan> RunCallsAsync(IBudgetLedger ledger, ModelCallContext call, int count, double[]? latencies)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var before = Stopwatch.GetTimestamp();
            var reservation = await ledger.ReserveAsync(call, 0.0123m, CancellationToken.None);
            await ledger.SettleAsync(reservation, new UsageRecord(
                call.UserId, call.ProjectId, null, CallPurpose.Execution, "anthropic", "claude-sonnet-4-6",
                2_000, 400, 0, 0, 0.012m, 850, "ok"), CancellationToken.None);
            if (latencies is not null)
            {
                latencies[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
            }
        }
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task<(string User, string Project)> SeedAsync(SqliteDatabase database)
    {
        var user = Ids.New();
        var project = Ids.New();
        await database.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@user, 'bench@example.test', 'Bench', 'user', 0)", new { user }, tx);
            await c.ExecuteAsync(
                """
                INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at)
                VALUES (@project, @user, 'Bench', 'r', 'executing', 'L2', 0, 0)
                """, new { user, project }, tx);
            return 0;
        }, CancellationToken.None);
        return (user, project);
    }
}
