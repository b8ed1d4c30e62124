using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;

namespace Orchestration.Storage.Tests.Budget;

public sealed class BudgetStoreConcurrencyTests
{
    private const int Callers = 64;
    private const int CallsPerCaller = 40;

    private static readonly BudgetOptions Limits = new() { DailyLimitUsd = 0.60m, MonthlyLimitUsd = 0.75m, PerProjectLimitUsd = 0.10m };

    [Fact]
    public async Task Many_concurrent_callers_on_two_processes_never_overspend_and_account_exactly()
    {
        await using var first = await BudgetDatabase.CreateAsync();
        await using var second = first.OpenAnotherProcess();
        var user = await first.UserAsync();
        var projects = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            projects.Add(await first.ProjectAsync(user, $"P{i}"));
        }
        var tight = await first.ProjectAsync(user, "Tight", """{"budget":{"per_project_limit_usd":0.03}}""");
        projects.Add(tight);
        var period = BudgetPeriod.At(BudgetDatabase.Noon);
        var now = BudgetDatabase.Noon.ToEpoch();

        var refusals = 0L;
        using var stop = new CancellationTokenSource();
        var observer = Task.Run(() => ObserveCapsAsync(first, projects, stop.Token));
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var (store, owner) = caller % 2 == 0 ? (first.Store, "first") : (second.Store, "second");
            // Half the callers work for projects (the project caps bind), half outside any (the daily cap binds).
            var project = caller % 4 < 2 ? projects[caller % projects.Count] : null;
            var random = new Random(caller);
            for (var call = 0; call < CallsPerCaller; call++)
            {
                var worst = random.Next(1_000, 20_000) / 1_000_000m;
                var amount = Money.ToNanos(worst);
                var reservation = new NewBudgetReservation(Ids.New(), user, project, amount, now, owner, now + 1800);
                if (await store.ReserveAsync(reservation, period, BudgetDatabase.Refusal(Limits, period, project, amount), CancellationToken.None) is not null)
                {
                    Interlocked.Increment(ref refusals);
                    continue;
                }
                await Task.Yield();
                var usage = (call % 5) switch
                {
                    0 => null,
                    1 => BudgetDatabase.Usage(user, project, worst / 4),
                    2 => BudgetDatabase.Usage(user, project, worst / 2),
                    _ => BudgetDatabase.Usage(user, project, worst),
                };
                await store.CloseAsync(reservation.Id, usage, period, now, CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(callers);
        await stop.CancelAsync();
        var worstSeen = await observer;

        Assert.True(refusals > 0, "the caps were small enough to refuse some calls");
        Assert.Equal(0L, await first.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));

        var settled = await first.ScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records");
        Assert.True(settled <= Money.ToNanos(0.60m), $"daily spend {settled} exceeds the cap");
        // The daily cap was reached: what remains is less than the largest call asked for.
        Assert.True(settled > Money.ToNanos(0.60m - 0.02m), $"daily spend {settled} never reached the cap");
        foreach (var project in projects)
        {
            var spent = await first.ScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id = @project", new { project });
            var cap = project == tight ? 0.03m : 0.10m;
            Assert.True(spent <= Money.ToNanos(cap), $"project {project} spent {spent} over its cap {cap}");
        }

        // Exact accounting: the counters the caps are checked against equal the usage rows, call by call.
        Assert.Equal(settled, await first.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'day'"));
        Assert.Equal(settled, await first.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'month'"));
        Assert.Equal(
            await first.ScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id IS NOT NULL"),
            await first.ScalarAsync<long>("SELECT COALESCE(SUM(spent_nanos), 0) FROM budget_totals WHERE scope = 'project'"));
        Assert.Equal(0, worstSeen);
    }

    /// <summary>Reads settled + reserved in one snapshot, over and over while the callers run; returns by how many
    /// nano-dollars a cap was ever exceeded (0 when never).</summary>
    private static async Task<long> ObserveCapsAsync(BudgetDatabase db, IReadOnlyList<string> projects, CancellationToken stop)
    {
        var worst = 0L;
        while (!stop.IsCancellationRequested)
        {
            var total = await db.ScalarAsync<long>(
                "SELECT (SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records) + (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations)");
            worst = Math.Max(worst, total - Money.ToNanos(0.60m));
            var project = projects[Random.Shared.Next(projects.Count)];
            var perProject = await db.ScalarAsync<long>(
                """
                SELECT (SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id = @project)
                     + (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations WHERE project_id = @project)
                     - (SELECT CASE WHEN name = 'Tight' THEN 30000000 ELSE 100000000 END FROM projects WHERE id = @project)
                """, new { project });
            worst = Math.Max(worst, perProject);
        }
        return worst;
    }
}
