using Orchestration.Server.Tests.Infrastructure;
using Orchestration.TestSupport.Chaos;

namespace Orchestration.Server.Tests.Execution;

/// <summary>A short run of the crash trials (`bench chaos` runs 50): a server killed at random moments of runs that take
/// every path, restarted, the runs driven to the end, every invariant checked; on the backend of this test run.</summary>
public sealed class CrashTrialsTests
{
    [Fact]
    public async Task Three_random_kills_mid_run_leave_every_invariant_intact()
    {
        await using var database = TestBackend.IsPostgres ? await TestBackend.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken) : null;
        var log = new StringWriter();
        var report = await new ChaosTrials(new ChaosOptions(Trials: 3, Seed: 20261205, database?.ConnectionString), log)
            .RunAsync(TestContext.Current.CancellationToken);

        Assert.True(report.Violations.Count == 0, report.Summary + "\n" + log);
        Assert.Equal(3, report.Trials);
        // Every path was taken: a kill interrupted attempts, providers failed and were retried, verification found gaps,
        // a person reviewed, a checkpoint was resolved, a cap held the run.
        Assert.All(ChaosTrials.PathEvents, type => Assert.True(report.Paths.GetValueOrDefault(type) > 0, $"no {type} event in the trials\n{log}"));
    }
}
