using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Models;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Bench.Executor;

/// <summary>The executor as the server hosts it (real SQLite file, WAL, every transition persisted), with a bench gateway.</summary>
internal sealed class ExecutorHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private ExecutorHost(IHost host, string directory) => (_host, _directory) = (host, directory);

    public BenchGateway Gateway => _host.Services.GetRequiredService<BenchGateway>();

    public static async Task<ExecutorHost> StartAsync(int workers)
    {
        var directory = Directory.CreateTempSubdirectory("orch-bench-exec-").FullName;
        var config = new OrchestrationConfig();
        config.Execution.MaxConcurrentTasks = workers;
        config.Execution.ShutdownGraceSeconds = 1;
        // The bench measures scheduling; its model answers "done", which a verifier would send back for review.
        config.Execution.VerificationEnabled = false;
        config.Execution.KnowledgeExtractionEnabled = false;
        config.Execution.WorkspaceRoot = Path.Combine(directory, "workspaces");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddConfigSections(config);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSqliteStorage(Path.Combine(directory, "bench.db"));
        builder.Services.AddSingleton<BenchGateway>();
        builder.Services.AddSingleton<IModelGateway>(sp => sp.GetRequiredService<BenchGateway>());
        builder.Services.AddExecution();
        var host = builder.Build();
        await host.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await host.StartAsync();
        return new ExecutorHost(host, directory);
    }

    /// <summary>Seeds the graph as an approved plan, executes it, and returns the wall time from execute to
    /// project_complete with the publish timestamps (Stopwatch) of every event, by seq.</summary>
    public async Task<(TimeSpan Wall, List<PublishedEvent> Events)> RunAsync(BenchDag dag)
    {
        var (user, project) = await SeedAsync(dag);
        Gateway.Latencies = Enumerable.Range(0, dag.Count).ToDictionary(i => $"t{i}", i => dag.Latency[i]);
        var bus = _host.Services.GetRequiredService<IEventBus>();
        using var subscription = bus.Subscribe(project);
        var events = new List<PublishedEvent>();
        var clock = Stopwatch.StartNew();
        var done = Task.Run(async () =>
        {
            await foreach (var e in subscription.Reader.ReadAllAsync())
            {
                events.Add(e);
                if (e.Event.Type is "project_complete" or "project_failed")
                {
                    return clock.Elapsed;
                }
            }
            throw new InvalidOperationException("The event subscription overflowed; raise the buffer for the bench.");
        });
        await _host.Services.GetRequiredService<IExecutionControl>().ExecuteAsync(user, project, CancellationToken.None);
        var wall = await done.WaitAsync(TimeSpan.FromMinutes(5));
        if (events[^1].Event.Type != "project_complete")
        {
            throw new InvalidOperationException("The bench run failed: " + events[^1].Event.Message);
        }
        return (wall, events);
    }

    private async Task<(string User, string Project)> SeedAsync(BenchDag dag)
    {
        var (user, project, plan) = (Ids.New(), Ids.New(), Ids.New());
        var ids = Enumerable.Range(0, dag.Count).Select(_ => Ids.New()).ToArray();
        var waves = dag.Waves();
        await using var c = await _host.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@user, @email, 'b', 'user', 0)",
            new { user, email = user + "@bench.local" }, tx);
        await c.ExecuteAsync(
            "INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at) VALUES (@project, @user, 'bench', 'Benchmark.', 'ready', 'L1', 0, 0)",
            new { project, user }, tx);
        await c.ExecuteAsync("INSERT INTO plans (id, project_id, version, status, plan_json, created_at) VALUES (@plan, @project, 1, 'approved', '{}', 0)",
            new { plan, project }, tx);
        for (var i = 0; i < dag.Count; i++)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO tasks (id, project_id, plan_id, task_index, title, task_type, complexity, status, model_tier, wave, created_at, updated_at)
                VALUES (@id, @project, @plan, @i, @title, 'code', @complexity, 'pending', 'haiku', @wave, 0, 0)
                """, new { id = ids[i], project, plan, i, title = $"t{i}", complexity = dag.Complexity[i], wave = waves[i] }, tx);
            foreach (var d in dag.DependsOn[i])
            {
                await c.ExecuteAsync("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@a, @b)", new { a = ids[i], b = ids[d] }, tx);
            }
        }
        await tx.CommitAsync();
        return (user, project);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }
}
