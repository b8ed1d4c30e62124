using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Health;
using Orchestration.Engine.Tests.Fakes;
using Orchestration.Engine.Tests.Models;

namespace Orchestration.Engine.Tests.Health;

/// <summary>Provider health for /api/services, probed against loopback servers speaking each API.</summary>
public sealed class ServiceHealthTests
{
    private const string Tags =
        """{"models":[{"name":"qwen2.5-coder:14b","model":"qwen2.5-coder:14b","modified_at":"2024-05-01T10:00:00Z","size":9000000000,"digest":"a1b2","details":{"format":"gguf","family":"qwen2","parameter_size":"14.8B","quantization_level":"Q4_K_M"}}]}""";

    private static Task<LoopbackServer> Everything(int anthropicStatus = 200, string tags = Tags) => LoopbackServer.StartAsync(app =>
    {
        app.MapGet("/v1/models", (HttpContext c) => c.Request.Headers.ContainsKey("x-api-key")
            ? LoopbackServer.WriteJsonAsync(c, anthropicStatus, anthropicStatus == 200 ? AnthropicWire.ModelsPage : AnthropicWire.Error("authentication_error", "invalid x-api-key"))
            : LoopbackServer.WriteJsonAsync(c, 200, """{"object":"list","data":[{"id":"small-model","object":"model","created":1686935002,"owned_by":"local"}]}"""));
        app.MapGet("/api/tags", (HttpContext c) => LoopbackServer.WriteJsonAsync(c, 200, tags));
    });

    private static OrchestrationConfig Config(string baseUrl, string? anthropicKey = "sk-ant-test-key")
    {
        var config = GatewayFixture.Anthropic(baseUrl);
        config.Anthropic.ApiKey = anthropicKey;
        config.Providers.Default = anthropicKey is null ? "auto" : "anthropic";
        config.Ollama.Hosts = new() { ["local"] = baseUrl, ["gpu"] = "http://127.0.0.1:1" };
        config.Openai.BaseUrl = baseUrl + "/v1";
        config.Openai.Models = new() { ["haiku"] = "small-model" };
        config.ModelPricing["small-model"] = new ModelPrice { InputPerMtok = 1, OutputPerMtok = 2 };
        return config;
    }

    [Fact]
    public async Task Every_provider_is_probed_and_reported()
    {
        await using var server = await Everything();
        await using var models = new GatewayFixture(Config(server.BaseUrl));
        var health = models.Get<IServiceHealth>();

        var all = (await health.GetAllAsync(refresh: true, TestContext.Current.CancellationToken)).ToDictionary(s => s.Id);

        Assert.Equal(["anthropic_api", "ollama_gpu", "ollama_local", "openai_api", "simulated"], all.Keys.Order());
        Assert.Equal(("online", "GET /v1/models", "llm"), (all["anthropic_api"].Status, all["anthropic_api"].Method, all["anthropic_api"].Category));
        Assert.Equal(true, all["anthropic_api"].Details["is_default"]);
        Assert.Equal("online", all["ollama_local"].Status);
        Assert.Equal(["qwen2.5-coder:14b"], (IEnumerable<string>)all["ollama_local"].Details["models"]!);
        Assert.Equal("offline", all["ollama_gpu"].Status);
        Assert.Equal("unreachable", all["ollama_gpu"].Details["error"]);
        Assert.Equal("online", all["openai_api"].Status);
        Assert.Equal(("online", false, "anthropic"), (all["simulated"].Status, all["simulated"].Details["active"], all["simulated"].Details["default_provider"]));
        var anthropicProbe = server.Requests.Single(r => r.Header("x-api-key") is not null);
        Assert.Equal(("sk-ant-test-key", null), (anthropicProbe.Header("x-api-key"), anthropicProbe.Header("authorization")));
        Assert.Equal("/v1/models", anthropicProbe.Path.Split('?')[0]);
        Assert.True(await health.IsProviderAvailableAsync("ollama", TestContext.Current.CancellationToken));
        Assert.True(await health.IsProviderAvailableAsync("anthropic", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_a_key_anthropic_is_offline_and_simulated_is_active()
    {
        await using var server = await Everything();
        await using var models = new GatewayFixture(Config(server.BaseUrl, anthropicKey: null));
        var health = models.Get<IServiceHealth>();

        var anthropic = await health.GetAsync("anthropic_api", refresh: false, TestContext.Current.CancellationToken);
        var simulated = await health.GetAsync("simulated", refresh: false, TestContext.Current.CancellationToken);

        Assert.Equal(("offline", false), (anthropic!.Status, anthropic.Details["configured"]));
        Assert.DoesNotContain(server.Requests, r => r.Header("x-api-key") is not null);
        Assert.Equal((true, "simulated"), (simulated!.Details["active"], simulated.Details["default_provider"]));
        Assert.Equal("simulated", health.DefaultProvider);
        Assert.False(await health.IsProviderAvailableAsync("anthropic", TestContext.Current.CancellationToken));
        Assert.True(await health.IsProviderAvailableAsync("simulated", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_rejected_key_is_offline_and_a_missing_default_model_is_degraded()
    {
        await using var server = await Everything(anthropicStatus: 401, tags: """{"models":[]}""");
        await using var models = new GatewayFixture(Config(server.BaseUrl));

        var all = (await models.Get<IServiceHealth>().GetAllAsync(refresh: false, TestContext.Current.CancellationToken)).ToDictionary(s => s.Id);

        Assert.Equal(("offline", "authentication failed (401)"), (all["anthropic_api"].Status, all["anthropic_api"].Details["error"]));
        Assert.Equal(("degraded", false), (all["ollama_local"].Status, all["ollama_local"].Details["model_available"]));
    }

    [Fact]
    public async Task Results_are_cached_until_refresh_is_asked_for()
    {
        await using var server = await Everything();
        await using var models = new GatewayFixture(Config(server.BaseUrl));
        var health = models.Get<IServiceHealth>();

        await health.GetAllAsync(refresh: false, TestContext.Current.CancellationToken);
        var afterFirst = server.Requests.Count;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => health.GetAllAsync(refresh: false, TestContext.Current.CancellationToken)));
        Assert.Equal(afterFirst, server.Requests.Count);

        await health.GetAllAsync(refresh: true, TestContext.Current.CancellationToken);
        Assert.Equal(2 * afterFirst, server.Requests.Count);
    }

    [Fact]
    public async Task Availability_answers_from_a_stale_snapshot_at_once_and_refreshes_it_in_the_background()
    {
        var up = true;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/tags", (HttpContext c) =>
        {
            if (up)
            {
                return LoopbackServer.WriteJsonAsync(c, 200, Tags);
            }
            c.Abort();
            return Task.CompletedTask;
        }));
        var config = Config(server.BaseUrl);
        config.Ollama.Hosts = new() { ["local"] = server.BaseUrl };
        config.ResourceCheckIntervalSec = 0.05;
        await using var models = new GatewayFixture(config);
        var health = models.Get<IServiceHealth>();
        var ct = TestContext.Current.CancellationToken;
        Assert.True(await health.IsProviderAvailableAsync("ollama", ct));

        up = false;
        await Task.Delay(TimeSpan.FromMilliseconds(100), ct); // the snapshot goes stale

        Assert.True(await health.IsProviderAvailableAsync("ollama", ct)); // the last known answer, without waiting
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await health.IsProviderAvailableAsync("ollama", ct))
        {
            Assert.True(DateTime.UtcNow < deadline, "the background refresh never saw the server go away");
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }
    }
}
