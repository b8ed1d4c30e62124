using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Git;
using Orchestration.Engine.Models;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Tests.Execution;

/// <summary>A real host with the executor on a real SQLite file, a scripted gateway and (optionally) a fake clock.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orch-engine-" + Ids.New());
    private IHost? _host;

    private readonly bool _realModels;

    /// <param name="realModels">Use the real model layer (AddModels over the configured provider, with the SQLite
    /// budget ledger) instead of <see cref="Gateway"/>.</param>
    public EngineHarness(Action<OrchestrationConfig>? configure = null, FakeTimeProvider? time = null, bool realModels = false)
    {
        _realModels = realModels;
        Config = new OrchestrationConfig();
        Config.Execution.MaxConcurrentTasks = 4;
        Config.Execution.RetryBackoffBaseSec = 1;
        Config.Execution.ShutdownGraceSeconds = 0;
        // The executor's own tests exercise scheduling: plain outputs, failures that fail. Tests of verification,
        // knowledge and checkpoints switch these back on.
        Config.Execution.VerificationEnabled = false;
        Config.Execution.KnowledgeExtractionEnabled = false;
        Config.Execution.CheckpointOnRetryExhausted = false;
        Config.Execution.WorkspaceRoot = Path.Combine(_folder, "workspaces");
        configure?.Invoke(Config);
        Time = time;
    }

    public OrchestrationConfig Config { get; }

    public FakeTimeProvider? Time { get; }
    public ScriptedGateway Gateway { get; } = new();
    /// <summary>Adds services to the host after the executor's own (e.g. more task tools, a service health to route by).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
    public string DatabasePath => Path.Combine(_folder, "engine.db");
    public IServiceProvider Services => _host!.Services;
    public IExecutionControl Control => Services.GetRequiredService<IExecutionControl>();
    public IEventBus Bus => Services.GetRequiredService<IEventBus>();

    public async Task<EngineHarness> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("ORCH_TEST_LOG") == "1") { builder.Logging.AddConsole(); }
        builder.Services.AddConfigSections(Config);
        builder.Services.AddSingleton<TimeProvider>(Time ?? TimeProvider.System);
        builder.Services.AddSqliteStorage(DatabasePath);
        if (_realModels)
        {
            builder.Services.AddBudget();
            builder.Services.AddModels();
        }
        else
        {
            builder.Services.AddSingleton<IModelGateway>(Gateway);
        }
        builder.Services.AddExecution();
        builder.Services.AddWorkspaceGit(Config.Git);
        ConfigureServices?.Invoke(builder.Services);
        _host = builder.Build();
        await _host.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await _host.StartAsync(TestContext.Current.CancellationToken);
        return this;
    }

    /// <summary>Stops the host (graceful shutdown) and starts a fresh one on the same database.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
            _host = null;
        }
    }

    /// <summary>A user with a ready project whose approved plan has task i depending on deps[i]; titles are "t{i}".</summary>
    public async Task<(string UserId, string ProjectId, string[] TaskIds)> SeedAsync(params int[][] deps)
    {
        var db = Services.GetRequiredService<SqliteDatabase>();
        var (userId, projectId, planId) = (Ids.New(), Ids.New(), Ids.New());
        var taskIds = deps.Select(_ => Ids.New()).ToArray();
        await using var c = await db.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@userId, @email, 'u', 'user', 0)",
            new { userId, email = userId + "@example.com" });
        await c.ExecuteAsync(
            """
            INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at)
            VALUES (@projectId, @userId, 'demo', 'Write a greeting program.', 'ready', 'L2', 0, 0)
            """, new { projectId, userId });
        await c.ExecuteAsync(
            "INSERT INTO plans (id, project_id, version, status, plan_json, created_at) VALUES (@planId, @projectId, 1, 'approved', '{\"summary\":\"Greeting plan\"}', 0)",
            new { planId, projectId });
        for (var i = 0; i < deps.Length; i++)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO tasks (id, project_id, plan_id, task_index, title, task_type, status, model_tier, wave, created_at, updated_at)
                VALUES (@id, @projectId, @planId, @i, @title, 'code', 'pending', 'haiku', @wave, 0, 0)
                """, new { id = taskIds[i], projectId, planId, i, title = $"t{i}", wave = Wave(deps, i) });
            foreach (var d in deps[i])
            {
                await c.ExecuteAsync("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@a, @b)", new { a = taskIds[i], b = taskIds[d] });
            }
        }
        return (userId, projectId, taskIds);
    }

    /// <summary>Sets the model tier of tasks (the seed makes every task haiku).</summary>
    public async Task SetTierAsync(string tier, params string[] taskIds)
    {
        await using var c = await Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("UPDATE tasks SET model_tier = @tier WHERE id IN @taskIds", new { tier, taskIds });
    }

    public async Task<string[]> StatusesAsync(IEnumerable<string> taskIds)
    {
        var db = Services.GetRequiredService<SqliteDatabase>();
        await using var c = await db.OpenAsync(CancellationToken.None);
        var result = new List<string>();
        foreach (var id in taskIds)
        {
            result.Add(await c.ExecuteScalarAsync<string>("SELECT status FROM tasks WHERE id = @id", new { id }) ?? "");
        }
        return [.. result];
    }

    public async Task<string> ProjectStatusAsync(string projectId)
    {
        var db = Services.GetRequiredService<SqliteDatabase>();
        await using var c = await db.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<string>("SELECT status FROM projects WHERE id = @projectId", new { projectId }) ?? "";
    }

    private static int Wave(int[][] deps, int i) => deps[i].Length == 0 ? 0 : deps[i].Max(d => Wave(deps, d)) + 1;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder later.
        }
    }
}
