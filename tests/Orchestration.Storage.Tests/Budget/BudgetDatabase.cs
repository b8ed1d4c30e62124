using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Tests.Budget;

/// <summary>
/// The budget store on a real, migrated SQLite file in a temp directory, registered as the server registers it.
/// <see cref="OpenAnotherProcess"/> opens the same file with its own connections and write gate, as a second
/// process would.
/// </summary>
internal sealed class BudgetDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private readonly string? _ownedDirectory;
    private readonly ServiceProvider _services;

    private BudgetDatabase(string path, string? ownedDirectory)
    {
        _ownedDirectory = ownedDirectory;
        _services = new ServiceCollection().AddLogging().AddSqliteStorage(path).AddBudgetStorage().BuildServiceProvider();
    }

    public IBudgetStore Store => _services.GetRequiredService<IBudgetStore>();
    public SqliteDatabase Database => _services.GetRequiredService<SqliteDatabase>();

    public static async Task<BudgetDatabase> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("orch-budget-").FullName;
        var db = new BudgetDatabase(Path.Combine(directory, "orchestration.db"), directory);
        await db._services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return db;
    }

    public BudgetDatabase OpenAnotherProcess() => new(Database.Path, ownedDirectory: null);

    public async Task<string> UserAsync()
    {
        var id = Ids.New();
        await ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@id, @email, 'U', 'user', 0)",
            new { id, email = $"{id}@example.test" });
        return id;
    }

    public async Task<string> ProjectAsync(string ownerId, string name = "Project", string config = "{}")
    {
        var id = Ids.New();
        await ExecuteAsync(
            """
            INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, config, created_at, updated_at)
            VALUES (@id, @ownerId, @name, 'r', 'draft', 'L2', @config, 0, 0)
            """, new { id, ownerId, name, config });
        return id;
    }

    /// <summary>Holds <paramref name="usd"/> unconditionally (no cap refuses).</summary>
    public async Task<NewBudgetReservation> ReserveAsync(
        string userId, string? projectId, decimal usd, string owner = "this", DateTimeOffset? at = null, TimeSpan? lease = null)
    {
        var now = at ?? Noon;
        var reservation = new NewBudgetReservation(
            Ids.New(), userId, projectId, Money.ToNanos(usd), now.ToEpoch(), owner, (now + (lease ?? TimeSpan.FromMinutes(30))).ToEpoch());
        Assert.Null(await Store.ReserveAsync(reservation, BudgetPeriod.At(now), _ => null, CancellationToken.None));
        return reservation;
    }

    public Task<BudgetFigures?> CloseAsync(string reservationId, UsageRecord? usage, DateTimeOffset? at = null) =>
        Store.CloseAsync(reservationId, usage, BudgetPeriod.At(at ?? Noon), (at ?? Noon).ToEpoch(), CancellationToken.None);

    public static UsageRecord Usage(string userId, string? projectId, decimal cost, string provider = "anthropic", string model = "claude-sonnet-4-6") =>
        new(userId, projectId, null, CallPurpose.Execution, provider, model, 1000, 200, 0, 0, cost, 12.5, "ok");

    /// <summary>The caps a ledger with these limits applies, for tests that check what the store admits.</summary>
    public static Func<BudgetFigures, BudgetCap?> Refusal(BudgetOptions limits, BudgetPeriod period, string? projectId, long amountNanos) =>
        figures => figures.Caps(limits, period, projectId).FirstOrDefault(cap => !cap.Admits(amountNanos));

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql, args);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Database.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }
}
