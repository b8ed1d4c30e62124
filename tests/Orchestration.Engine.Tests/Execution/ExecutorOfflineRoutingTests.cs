using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Health;
using Orchestration.Engine.Tests.Fakes;
using Orchestration.Engine.Tests.Intelligence;

namespace Orchestration.Engine.Tests.Execution;

/// <summary>docs/executor.md, offline local models: a task whose local model server is offline moves one tier up with
/// fallback_when_offline, or waits for it and says so.</summary>
public sealed class ExecutorOfflineRoutingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EngineHarness Harness(SwitchableServiceHealth health, bool fallback) => new(c =>
    {
        c.Providers.Default = "anthropic";
        c.Anthropic.ApiKey = "sk-ant-test-key";
        c.Routing.FallbackWhenOffline = fallback;
        c.ResourceCheckIntervalSec = 1;
    })
    {
        ConfigureServices = s => s.AddSingleton<IServiceHealth>(health),
    };

    [Fact]
    public async Task With_fallback_an_ollama_task_runs_one_tier_up_and_says_why()
    {
        var health = new SwitchableServiceHealth();
        health.SetOnline("ollama", false);
        await using var harness = await Harness(health, fallback: true).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], []);
        await harness.SetTierAsync("ollama", tasks[0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var fallback = events.Events.Single(e => e.Type == "task_fallback");
        Assert.Equal((tasks[0], "ollama", "haiku", "ollama"), (fallback.TaskId, fallback.Field("from_tier"), fallback.Field("to_tier"), fallback.Field("offline_provider")));
        Assert.All(harness.Gateway.Requests, r => Assert.Equal(ModelTier.Haiku, r.Tier));
        Assert.DoesNotContain(events.Events, e => e.Type == "task_waiting");
    }

    [Fact]
    public async Task Without_fallback_the_task_waits_saying_so_once_and_runs_when_its_provider_is_back()
    {
        var health = new SwitchableServiceHealth();
        health.SetOnline("ollama", false);
        await using var harness = await Harness(health, fallback: false).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], []);
        await harness.SetTierAsync("ollama", tasks[0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var waiting = await events.WaitForAsync("task_waiting");
        await events.WaitForAsync(e => e.Type == "task_complete" && e.TaskId == tasks[1]);

        Assert.Equal((tasks[0], "provider_offline", "ollama"), (waiting.TaskId, waiting.Field("reason"), waiting.Field("provider")));
        Assert.Equal("executing", await harness.ProjectStatusAsync(project));
        Assert.DoesNotContain(harness.Gateway.Requests, r => r.Tier == ModelTier.Ollama);

        await health.ChecksReachedAsync(2).WaitAsync(TimeSpan.FromSeconds(30), Ct); // checked again while still offline
        health.SetOnline("ollama", true);
        await events.WaitForAsync("project_complete");

        Assert.Single(events.Events, e => e.Type == "task_waiting");
        Assert.Single(harness.Gateway.Requests, r => r.Tier == ModelTier.Ollama);
        Assert.Equal(1L, await harness.ScalarAsync<long>("SELECT attempt_count FROM tasks WHERE id = @id", new { id = tasks[0] }));
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT auto_retries_used FROM tasks WHERE id = @id", new { id = tasks[0] }));
    }
}
