using Orchestration.TestSupport.Chaos;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Bench.Chaos;

/// <summary>
/// Crash trials (<see cref="ChaosTrials"/>): --trials N (50) SIGKILLs of a server at random moments of runs that take
/// every path, each followed by a restart, the runs driven to the end and every invariant checked. --backend sqlite
/// (default) or postgres (a throwaway server, or ORCH_TEST_POSTGRES), --seed N. Prints "trials: N, violations: 0" (and
/// the first violation's details); exits non-zero on a violation.
/// </summary>
public static class ChaosBench
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var trials = args.GetInt("trials", 50);
        var seed = args.GetInt("seed", Environment.TickCount);
        var backend = args.Get("backend") ?? "sqlite";
        PostgresServer? server = null;
        PostgresTestDatabase? database = null;
        try
        {
            if (backend == "postgres")
            {
                server = new PostgresServer();
                database = await server.CreateDatabaseAsync(CancellationToken.None);
            }
            else if (backend != "sqlite")
            {
                throw new ArgumentException($"--backend takes sqlite or postgres, not '{backend}'.");
            }
            var started = DateTimeOffset.UtcNow;
            var report = await new ChaosTrials(new ChaosOptions(trials, seed, database?.ConnectionString), Console.Out).RunAsync(CancellationToken.None);
            Console.WriteLine($"{report.Summary} (backend {backend}, seed {seed})");
            if (report.Violations.Count > 0)
            {
                Environment.ExitCode = 1;
            }
            return
            [
                new BenchResult($"chaos.{backend}.trials", report.Trials, "trials"),
                new BenchResult($"chaos.{backend}.violations", report.Violations.Count, "violations"),
                new BenchResult($"chaos.{backend}.seconds_per_trial", Math.Round((DateTimeOffset.UtcNow - started).TotalSeconds / Math.Max(1, report.Trials), 1), "s"),
            ];
        }
        finally
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
