using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;

namespace Orchestration.Storage.Tests.Budget;

public sealed class SqliteBudgetStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly BudgetPeriod Today = BudgetPeriod.At(BudgetDatabase.Noon);

    [Fact]
    public async Task A_refused_reservation_holds_nothing_and_names_the_cap()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        await db.ReserveAsync(user, null, 0.9m);
        var limits = new BudgetOptions { DailyLimitUsd = 1m };
        var amount = Money.ToNanos(0.2m);
        var reservation = new NewBudgetReservation(Ids.New(), user, null, amount, 0, "this", 1);

        var refused = await db.Store.ReserveAsync(reservation, Today, BudgetDatabase.Refusal(limits, Today, null, amount), None);

        Assert.Equal(new BudgetCap("daily", "2025-03-14", Money.ToNanos(1m), 0, Money.ToNanos(0.9m), "budget.daily_limit_usd"), refused);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
    }

    [Fact]
    public async Task The_figures_hold_what_is_spent_today_this_month_and_on_the_project_and_what_is_reserved()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var project = await db.ProjectAsync(user, "P", """{"budget":{"per_project_limit_usd":0.5}}""");
        var yesterday = BudgetDatabase.Noon.AddDays(-1);
        await db.CloseAsync((await db.ReserveAsync(user, project, 1m, at: yesterday)).Id, BudgetDatabase.Usage(user, project, 0.4m), yesterday);
        await db.CloseAsync((await db.ReserveAsync(user, null, 1m)).Id, BudgetDatabase.Usage(user, null, 0.1m));
        await db.ReserveAsync(user, project, 0.2m);
        await db.ReserveAsync(user, null, 0.3m);
        BudgetFigures? seen = null;

        await db.Store.ReserveAsync(new NewBudgetReservation(Ids.New(), user, project, 1, 0, "this", 1), Today, f => { seen = f; return null; }, None);

        Assert.NotNull(seen);
        Assert.Equal(
            (Money.ToNanos(0.5m), Money.ToNanos(0.2m), Money.ToNanos(0.1m), Money.ToNanos(0.5m), Money.ToNanos(0.4m), (double?)0.5),
            (seen.ReservedTotal, seen.ReservedProject, seen.SpentDay, seen.SpentMonth, seen.SpentProject, seen.ProjectLimitUsd));
        var overall = await db.Store.ReadFiguresAsync(Today, null, None);
        Assert.Equal((Money.ToNanos(0.5m) + 1, Money.ToNanos(0.1m), Money.ToNanos(0.5m)), (overall.ReservedTotal, overall.SpentDay, overall.SpentMonth));
    }

    [Fact]
    public async Task A_project_cap_that_is_not_a_number_is_no_cap_of_the_project()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var project = await db.ProjectAsync(user, "P", """{"budget":{"per_project_limit_usd":"lots"}}""");
        var reservation = await db.ReserveAsync(user, project, 0.2m);

        var figures = await db.CloseAsync(reservation.Id, BudgetDatabase.Usage(user, project, 0.1m));

        Assert.NotNull(figures);
        Assert.Null(figures.ProjectLimitUsd);
        Assert.Equal(Money.ToNanos(0.1m), figures.SpentProject);
    }

    [Fact]
    public async Task Closing_with_usage_writes_the_row_with_the_project_name_and_frees_the_reservation()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var project = await db.ProjectAsync(user, "Website");
        var reservation = await db.ReserveAsync(user, project, 0.05m);

        var usage = BudgetDatabase.Usage(user, project, 0.0123456789m) with { TaskId = "task-1", Purpose = CallPurpose.Verification, CacheReadTokens = 7 };
        await db.CloseAsync(reservation.Id, usage);

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        Assert.Equal(
            "Website|task-1|verification|anthropic|claude-sonnet-4-6|1000|200|7|12345679|12.5|ok",
            await db.ScalarAsync<string>(
                """
                SELECT project_name || '|' || task_id || '|' || purpose || '|' || provider || '|' || model || '|' || prompt_tokens || '|'
                    || completion_tokens || '|' || cache_read_tokens || '|' || cost_nanos || '|' || latency_ms || '|' || outcome
                FROM usage_records WHERE id = @Id
                """, new { reservation.Id }));
    }

    [Fact]
    public async Task Closing_frees_the_reservation_and_records_usage_only_when_given()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var unused = await db.ReserveAsync(user, null, 0.9m);
        Assert.Null(await db.CloseAsync(unused.Id, null));
        var failed = await db.ReserveAsync(user, null, 0.9m);
        await db.CloseAsync(failed.Id, BudgetDatabase.Usage(user, null, 0.01m) with { Outcome = "error" });

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        Assert.Equal("error", await db.ScalarAsync<string>("SELECT group_concat(outcome) FROM usage_records"));
        Assert.Equal(10_000_000L, await db.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'day'"));
    }

    [Fact]
    public async Task Closing_the_same_reservation_twice_records_the_call_once()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var project = await db.ProjectAsync(user);
        var reservation = await db.ReserveAsync(user, project, 0.5m);

        Assert.NotNull(await db.CloseAsync(reservation.Id, BudgetDatabase.Usage(user, project, 0.25m)));
        Assert.Null(await db.CloseAsync(reservation.Id, BudgetDatabase.Usage(user, project, 0.25m)));
        Assert.Null(await db.CloseAsync(reservation.Id, BudgetDatabase.Usage(user, project, 0.25m)));

        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM usage_records"));
        Assert.Equal(250_000_000L, await db.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'month'"));
        Assert.Equal(250_000_000L, await db.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'project'"));
    }

    [Fact]
    public async Task A_free_call_writes_its_row_and_moves_no_counter()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var project = await db.ProjectAsync(user);

        Assert.Null(await db.CloseAsync(Ids.New(), BudgetDatabase.Usage(user, project, 0m, "ollama", "qwen2.5-coder:14b")));

        Assert.Equal("ollama", await db.ScalarAsync<string>("SELECT provider FROM usage_records"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM budget_totals"));
    }

    [Fact]
    public async Task Usage_survives_the_deletion_of_its_project_and_keeps_the_name()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var project = await db.ProjectAsync(user, "Gone soon");
        await db.CloseAsync((await db.ReserveAsync(user, project, 0.1m)).Id, BudgetDatabase.Usage(user, project, 0.1m));

        await db.ExecuteAsync("DELETE FROM projects WHERE id = @project", new { project });

        Assert.Equal("Gone soon", await db.ScalarAsync<string>("SELECT project_name FROM usage_records WHERE project_id = @project", new { project }));
    }

    [Fact]
    public async Task Releasing_other_owners_keeps_only_this_owners_reservations()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        await db.ReserveAsync(user, null, 0.1m, owner: "dead");
        await db.ReserveAsync(user, null, 0.1m, owner: "dead");
        var mine = await db.ReserveAsync(user, null, 0.1m, owner: "alive");

        Assert.Equal(2, await db.Store.ReleaseOrphansAsync("alive", liveSince: 0, None));

        Assert.Equal(mine.Id, await db.ScalarAsync<string>("SELECT id FROM budget_reservations"));
    }

    [Fact]
    public async Task Expired_leases_are_released_and_live_ones_kept()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var lease = TimeSpan.FromMinutes(30);
        await db.ReserveAsync(user, null, 0.6m, lease: lease);
        var live = await db.ReserveAsync(user, null, 0.3m, at: BudgetDatabase.Noon + lease - TimeSpan.FromMinutes(1), lease: lease);

        Assert.Equal(0, await db.Store.ReleaseExpiredAsync((BudgetDatabase.Noon + lease - TimeSpan.FromMinutes(1)).ToEpoch(), None));
        Assert.Equal(1, await db.Store.ReleaseExpiredAsync((BudgetDatabase.Noon + lease).ToEpoch(), None));

        Assert.Equal(live.Id, await db.ScalarAsync<string>("SELECT id FROM budget_reservations"));
    }

    [Fact]
    public async Task A_call_closed_after_its_lease_expired_is_still_recorded()
    {
        await using var db = await BudgetDatabase.CreateAsync();
        var user = await db.UserAsync();
        var slow = await db.ReserveAsync(user, null, 0.2m, lease: TimeSpan.FromMinutes(30));
        var later = BudgetDatabase.Noon.AddMinutes(30);
        await db.Store.ReleaseExpiredAsync(later.ToEpoch(), None);

        await db.CloseAsync(slow.Id, BudgetDatabase.Usage(user, null, 0.15m), later);

        Assert.Equal(150_000_000L, await db.ScalarAsync<long>("SELECT SUM(cost_nanos) FROM usage_records"));
        Assert.Equal(150_000_000L, await db.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'day'"));
    }
}
