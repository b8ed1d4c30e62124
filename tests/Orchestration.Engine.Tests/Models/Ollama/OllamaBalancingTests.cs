using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Health;
using Orchestration.Engine.Models;
using Orchestration.Engine.Models.Providers.Ollama;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models.Ollama;

/// <summary>Balancing over several Ollama hosts, each a loopback server speaking /api/tags and /api/chat, through the
/// real model gateway.</summary>
public sealed class OllamaBalancingTests
{
    private static OrchestrationConfig Config(params FakeOllamaHost[] hosts)
    {
        var config = GatewayFixture.Anthropic("http://127.0.0.1:1");
        config.Ollama.Hosts = hosts.Select((h, i) => (Name: ((char)('a' + i)).ToString(), h.Url)).ToDictionary(h => h.Name, h => h.Url);
        config.Execution.MaxConcurrentTasks = 16;
        config.Anthropic.MaxRetries = 0;
        return config;
    }

    private static ModelRequest Request(string? model = null) =>
        new(GatewayFixture.Context(), model is null ? ModelTier.Ollama : null, model, [new(ChatRole.User, "Say hi")], new ChatOptions());

    private static int[] InFlight(GatewayFixture models) => [.. models.Get<OllamaHostPool>().Hosts.Select(h => h.InFlight)];

    /// <summary>Completes once <paramref name="count"/> chats have arrived at the hosts, in all.</summary>
    private static TaskCompletionSource Arrivals(int count, params FakeOllamaHost[] hosts)
    {
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        foreach (var host in hosts)
        {
            host.OnChat = _ =>
            {
                if (Interlocked.Increment(ref seen) == count)
                {
                    all.TrySetResult();
                }
            };
        }
        return all;
    }

    [Fact(Timeout = 30_000)]
    public async Task Concurrent_requests_for_a_slow_model_are_spread_evenly_over_the_hosts()
    {
        await using var a = await FakeOllamaHost.StartAsync("a", holding: true);
        await using var b = await FakeOllamaHost.StartAsync("b", holding: true);
        await using var models = new GatewayFixture(Config(a, b));
        var arrived = Arrivals(6, a, b);

        var calls = Enumerable.Range(0, 6).Select(_ => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).ToList();
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);

        Assert.Equal([3, 3], InFlight(models));
        a.Release();
        b.Release();
        var answers = await Task.WhenAll(calls);
        Assert.Equal((3, 3, 3, 3), (a.Chats, b.Chats, a.MaxActive, b.MaxActive));
        Assert.Equal(3, answers.Count(r => r.Response.Text == "from a"));
        Assert.Equal([0, 0], InFlight(models));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_host_without_the_model_never_receives_a_request_for_it()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b", holding: true);
        a.Models = ["llama3:8b"];
        await using var models = new GatewayFixture(Config(a, b));
        await models.Get<IServiceHealth>().GetAllAsync(refresh: true, TestContext.Current.CancellationToken);
        var arrived = Arrivals(4, a, b);

        var calls = Enumerable.Range(0, 4).Select(_ => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).ToList();
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        b.Release();
        await Task.WhenAll(calls);

        Assert.Equal((0, 4), (a.Chats, b.Chats));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failing_host_is_skipped_until_its_health_check_succeeds_again()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b");
        await using var models = new GatewayFixture(Config(a, b));
        var health = models.Get<IServiceHealth>();
        a.Down = true;

        Assert.Equal("from b", (await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);
        Assert.Equal("from b", (await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);
        Assert.Equal((1, 2), (a.Chats, b.Chats));
        Assert.Equal(false, (await health.GetAsync("ollama_a", refresh: false, TestContext.Current.CancellationToken))!.Details["in_rotation"]);

        a.Down = false;
        await health.GetAllAsync(refresh: true, TestContext.Current.CancellationToken);

        Assert.Equal("from a", (await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);
        Assert.Equal((2, 2), (a.Chats, b.Chats));
        Assert.Equal([0, 0], InFlight(models));
    }

    [Fact(Timeout = 30_000)]
    public async Task Requests_alone_bring_the_health_checks_that_take_a_recovered_host_back()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b");
        var config = Config(a, b);
        config.ResourceCheckIntervalSec = 0;
        await using var models = new GatewayFixture(config);
        a.Down = true;
        Assert.Equal("from b", (await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);

        a.Down = false;
        // The request that notices the host out of rotation starts a check and goes on without waiting for it.
        var answers = new List<string>();
        while (answers.LastOrDefault() != "from a")
        {
            answers.Add((await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);
        }

        Assert.True(models.Get<OllamaHostPool>().Find("a")!.InRotation);
        Assert.All(answers.SkipLast(1), text => Assert.Equal("from b", text));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_unreachable_host_is_skipped_after_its_first_failure()
    {
        await using var b = await FakeOllamaHost.StartAsync("b");
        var config = Config(b);
        config.Ollama.Hosts = new() { ["dead"] = "http://127.0.0.1:1", ["b"] = b.Url };
        await using var models = new GatewayFixture(config);

        await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);
        await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        var dead = models.Get<OllamaHostPool>().Find("dead")!;
        Assert.Equal((false, 0, 2), (dead.InRotation, dead.InFlight, b.Chats));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_hosts_listed_for_a_model_take_all_of_its_requests_however_busy()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b", holding: true);
        var config = Config(a, b);
        config.Ollama.ModelHosts = new() { [OllamaWire.Model] = ["b"] };
        await using var models = new GatewayFixture(config);
        var arrived = Arrivals(3, a, b);

        var calls = Enumerable.Range(0, 3).Select(_ => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).ToList();
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0, 3], InFlight(models));
        b.Release();
        await Task.WhenAll(calls);

        Assert.Equal((0, 3), (a.Chats, b.Chats));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_model_not_listed_goes_to_any_host_that_has_it()
    {
        // The gateway sends every Ollama call with ollama.default_model, so other models are asked of the client itself.
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b", holding: true);
        a.Models = b.Models = [OllamaWire.Model, "llama3:latest"];
        var config = Config(a, b);
        config.Ollama.ModelHosts = new() { [OllamaWire.Model] = ["b"] };
        await using var models = new GatewayFixture(config);
        await models.Get<IServiceHealth>().GetAllAsync(refresh: true, TestContext.Current.CancellationToken);
        using var client = new OllamaHostsChatClient(models.Get<OllamaHostPool>(), null, NullLogger.Instance);
        var arrived = Arrivals(1, a, b);

        var listed = client.GetResponseAsync("Say hi", new ChatOptions { ModelId = OllamaWire.Model }, TestContext.Current.CancellationToken);
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        var other = await client.GetResponseAsync("Say hi", new ChatOptions { ModelId = "llama3" }, TestContext.Current.CancellationToken);
        b.Release();

        Assert.Equal(("from a", "from b"), (other.Text, (await listed).Text));
        Assert.Equal((1, 1), (a.Chats, b.Chats));
    }

    [Fact(Timeout = 30_000)]
    public async Task Embeddings_go_to_the_hosts_that_have_the_embed_model_and_move_on_when_one_fails()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b");
        await using var c = await FakeOllamaHost.StartAsync("c");
        b.Models = c.Models = [OllamaWire.Model, "nomic-embed-text:latest"];
        await using var models = new GatewayFixture(Config(a, b, c));
        await models.Get<IServiceHealth>().GetAllAsync(refresh: true, TestContext.Current.CancellationToken);
        var embeddings = models.Get<IEmbeddingGenerator<string, Embedding<float>>>();
        b.Down = true;

        var first = await embeddings.GenerateAsync(["one chunk"], cancellationToken: TestContext.Current.CancellationToken);
        await embeddings.GenerateAsync(["another chunk"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([0.1f, 0.2f, 0.3f], Assert.Single(first).Vector.ToArray());
        Assert.Equal((0, 1, 2), (a.Embeds, b.Embeds, c.Embeds));
        Assert.Equal([0, 0, 0], InFlight(models));
    }

    [Fact(Timeout = 30_000)]
    public async Task In_flight_counts_return_to_zero_after_streams_read_whole_or_dropped_early()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b");
        await using var models = new GatewayFixture(Config(a, b));

        var text = "";
        await foreach (var update in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
        {
            text += update.Text;
        }
        await foreach (var update in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
        {
            Assert.Equal([1, 0], InFlight(models));
            break;
        }

        Assert.Equal("from a", text);
        Assert.Equal([0, 0], InFlight(models));
    }

    [Fact(Timeout = 30_000)]
    public async Task In_flight_counts_return_to_zero_after_failures()
    {
        await using var a = await FakeOllamaHost.StartAsync("a");
        await using var b = await FakeOllamaHost.StartAsync("b");
        a.Down = b.Down = true;
        await using var models = new GatewayFixture(Config(a, b));

        var failed = await Assert.ThrowsAsync<ModelProviderException>(() => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var _ in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(500, failed.StatusCode);
        Assert.Equal((2, 2), (a.Chats, b.Chats));
        Assert.Equal([0, 0], InFlight(models));
    }

    [Fact(Timeout = 30_000)]
    public async Task In_flight_counts_return_to_zero_after_cancellation_while_waiting_and_while_streaming()
    {
        await using var a = await FakeOllamaHost.StartAsync("a", holding: true);
        await using var models = new GatewayFixture(Config(a));
        var arrived = Arrivals(2, a);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var whole = models.Gateway.CompleteAsync(Request(), cancel.Token);
        var stream = Task.Run(async () =>
        {
            await foreach (var _ in models.Streaming.StreamAsync(Request(), cancel.Token))
            {
            }
        }, TestContext.Current.CancellationToken);
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal([2], InFlight(models));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => whole);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);
        Assert.Equal([0], InFlight(models));
    }
}
