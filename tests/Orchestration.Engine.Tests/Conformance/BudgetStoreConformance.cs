using Dapper;
using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Usage;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>
/// What every backend's budget store must do: reservations against caps are atomic under concurrency, a settlement
/// counts once, the reservations of a dead owner or past their lease are released.
/// </summary>
public abstract class BudgetStoreConformance
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ExecutionBackend> CreateBackendAsync();

    private static readonly BudgetPeriod Period = new("2026-12-04", "2026-12");

    private static NewBudgetReservation Reservation(string user, string? project, decimal usd, string owner = "node-a", double lease = 100) =>
        new(Ids.New(), user, project, Money.ToNanos(usd), 1, owner, lease);

    private static UsageRecord Usage(string user, string? project, decimal usd) =>
        new(user, project, null, CallPurpose.Execution, "anthropic", "claude-haiku-4-5-20251001", 10, 20, 0, 0, usd, 5, "ok");

    /// <summary>The ledger's rule: the first cap that does not admit the amount refuses it.</summary>
    private static Func<BudgetFigures, BudgetCap?> Refusal(BudgetOptions options, string? project, long amount) =>
        figures => figures.Caps(options, Period, project).FirstOrDefault(cap => !cap.Admits(amount));

    [Fact]
    public async Task Concurrent_reservations_never_hold_more_than_a_cap()
    {
        await using var backend = await CreateBackendAsync();
        var db = new Ledger(backend);
        var user = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(user, "executing", [[]]);
        var options = new BudgetOptions { DailyLimitUsd = 1m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = 100m };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            var reservation = Reservation(user, p, 0.07m);
            return await db.Budget.ReserveAsync(reservation, Period, Refusal(options, p, reservation.AmountNanos), Ct);
        }, Ct)));

        Assert.Equal(14, outcomes.Count(refused => refused is null)); // 14 × $0.07 = $0.98; a 15th would pass $1.00
        Assert.All(outcomes.Where(r => r is not null), r => Assert.Equal(BudgetScope.Daily, r!.Scope));
        var figures = await db.Budget.ReadFiguresAsync(Period, null, Ct);
        Assert.Equal(Money.ToNanos(0.98m), figures.ReservedTotal);
    }

    [Fact]
    public async Task A_settlement_moves_the_amount_from_reserved_to_spent_once()
    {
        await using var backend = await CreateBackendAsync();
        var db = new Ledger(backend);
        var user = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(user, "executing", [[]]);
        var options = new BudgetOptions { DailyLimitUsd = 1m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = 100m };
        var reservation = Reservation(user, p, 0.50m);
        Assert.Null(await db.Budget.ReserveAsync(reservation, Period, Refusal(options, p, reservation.AmountNanos), Ct));

        var after = await db.Budget.CloseAsync(reservation.Id, Usage(user, p, 0.30m), Period, 2, Ct);
        await db.Budget.CloseAsync(reservation.Id, Usage(user, p, 0.30m), Period, 3, Ct);

        Assert.Equal(Money.ToNanos(0.30m), after!.SpentProject);
        var figures = await db.Budget.ReadFiguresAsync(Period, null, Ct);
        Assert.Equal((0L, Money.ToNanos(0.30m), Money.ToNanos(0.30m)), (figures.ReservedTotal, figures.SpentDay, figures.SpentMonth));
        // What is spent counts against the next reservation: $0.30 spent + $0.71 asked passes the $1.00 cap.
        var next = Reservation(user, p, 0.71m);
        Assert.Equal(BudgetScope.Daily, (await db.Budget.ReserveAsync(next, Period, Refusal(options, p, next.AmountNanos), Ct))!.Scope);
    }

    [Fact]
    public async Task Reservations_of_a_dead_owner_or_past_their_lease_are_released()
    {
        await using var backend = await CreateBackendAsync();
        var db = new Ledger(backend);
        var user = await db.AddUserAsync();
        var options = new BudgetOptions { DailyLimitUsd = 10m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = 100m };
        foreach (var r in new[] { Reservation(user, null, 1m, "dead", 100), Reservation(user, null, 1m, "live", 10), Reservation(user, null, 1m, "live", 100) })
        {
            Assert.Null(await db.Budget.ReserveAsync(r, Period, Refusal(options, null, r.AmountNanos), Ct));
        }

        Assert.Equal(1, await db.Budget.ReleaseOrphansAsync("live", liveSince: 0, Ct));
        Assert.Equal(1, await db.Budget.ReleaseExpiredAsync(50, Ct));
        Assert.Equal(Money.ToNanos(1m), (await db.Budget.ReadFiguresAsync(Period, null, Ct)).ReservedTotal);
    }

    [Theory]
    [InlineData("{\"budget\": {\"per_project_limit_usd\": 0.5}}", 0.5)]
    [InlineData("{\"budget\": {\"per_project_limit_usd\": 2}}", 2.0)]
    [InlineData("{\"budget\": {\"per_project_limit_usd\": \"0.5\"}}", null)]
    [InlineData("{\"budget\": \"{\\\"per_project_limit_usd\\\": 0.5}\"}", null)]
    [InlineData("{\"budget\": {}}", null)]
    [InlineData("not json", null)]
    public async Task A_projects_own_cap_is_read_from_its_config_only_when_it_is_a_number(string config, double? expected)
    {
        await using var backend = await CreateBackendAsync();
        var db = new Ledger(backend);
        var user = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(user, "executing", [[]]);
        await using (var c = await backend.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE projects SET config = @config WHERE id = @p", new { config, p });
        }
        BudgetFigures? seen = null;
        var reservation = Reservation(user, p, 0.01m);

        await db.Budget.ReserveAsync(reservation, Period, figures => { seen = figures; return null; }, Ct);

        Assert.Equal(expected, seen!.ProjectLimitUsd);
    }

    /// <summary>The backend with its budget store, which every test here needs.</summary>
    private sealed class Ledger(ExecutionBackend backend)
    {
        public IBudgetStore Budget => backend.Budget;

        public Task<string> AddUserAsync() => backend.AddUserAsync();

        public Task<(string ProjectId, string[] TaskIds)> AddProjectAsync(string ownerId, string status, params int[][] deps) =>
            backend.AddProjectAsync(ownerId, status, deps);
    }
}
