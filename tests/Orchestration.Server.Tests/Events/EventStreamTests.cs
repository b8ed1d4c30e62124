using Orchestration.Core.Events;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Events;
using Orchestration.Engine.Models;
using Orchestration.Server.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Events;

public sealed class EventStreamTests : IAsyncLifetime
{
    private readonly GatedGateway _gateway = new();
    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync(configureServices: s =>
        {
            s.AddSingleton<IModelGateway>(_gateway);
            s.AddSingleton(new EventStreamOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(300) });
        });

    public async ValueTask DisposeAsync()
    {
        _gateway.Gate?.TrySetResult();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_run_arrives_in_order_as_raw_text_event_stream_with_id_event_and_data()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [0]);
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await using var stream = await RawEventStream.OpenAsync(_app.CreateClient(), $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        await client.PostAsync($"/api/projects/{project}/execute", null);
        var text = await stream.ReadUntilAsync("event: project_complete");

        Assert.StartsWith(": connected\n\n", text, StringComparison.Ordinal);
        var blocks = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(b => !b.StartsWith(':')).ToList();
        Assert.All(blocks, b => Assert.Matches(RawEventStream.EventBlock(), b));
        var events = stream.Events();
        Assert.Equal(["project_start", "task_start", "task_context", "task_complete", "task_start", "task_context", "task_complete", "project_complete"],
            events.Select(e => e.Type));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], RawEventStream.Ids(events));
        var complete = JsonDocument.Parse(events[3].Data).RootElement;
        Assert.Equal(("task_complete", project, tasks[0]),
            (complete.GetProperty("type").GetString(), complete.GetProperty("project_id").GetString(), complete.GetProperty("task_id").GetString()));
        Assert.True(complete.GetProperty("timestamp").GetDouble() > 1.7e9);
        Assert.True(complete.GetProperty("cost_usd").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(complete.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_late_connection_replays_the_finished_run_and_stays_open_with_keep_alives()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);
        await client.PostAsync($"/api/projects/{project}/execute", null);
        await WaitForStatusAsync(client, project, "completed");

        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await using var stream = await RawEventStream.OpenAsync(_app.CreateClient(), $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        var text = await stream.ReadUntilAsync(": keep-alive");

        Assert.Equal(["project_start", "task_start", "task_context", "task_complete", "project_complete"], stream.Events().Select(e => e.Type));
        Assert.EndsWith(": keep-alive\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnecting_with_last_event_id_or_after_loses_nothing_and_repeats_nothing()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [0], [1]);
        _gateway.Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.PostAsync($"/api/projects/{project}/execute", null);
        var url = $"/api/events/{project}?token={Uri.EscapeDataString(await ExecutionSeed.StreamTokenAsync(client, project))}";

        List<long> first;
        await using (var stream = await RawEventStream.OpenAsync(_app.CreateClient(), url))
        {
            await stream.ReadUntilAsync("event: task_start");
            first = [.. RawEventStream.Ids(stream.Events())];
        }
        _gateway.Gate.SetResult();
        await WaitForStatusAsync(client, project, "completed");

        await using var resumed = await RawEventStream.OpenAsync(_app.CreateClient(), url, lastEventId: first[^1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        await resumed.ReadUntilAsync("event: project_complete");
        await using var after = await RawEventStream.OpenAsync(_app.CreateClient(), url + "&after=3");
        await after.ReadUntilAsync("event: project_complete");

        var all = first.Concat(RawEventStream.Ids(resumed.Events())).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
        Assert.Equal(4, RawEventStream.Ids(after.Events()).First());
    }

    [Fact]
    public async Task A_bad_expired_or_misused_token_is_a_401_problem()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);
        var (other, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);
        var anonymous = _app.CreateClient();
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-5));
        var expired = new SseTokens(_app.Services.GetRequiredService<IDataProtectionProvider>(), new AuthOptions(), past).Issue("u", project);
        var accessToken = client.DefaultRequestHeaders.Authorization!.Parameter!;

        await (await anonymous.GetAsync($"/api/events/{project}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token");
        await (await anonymous.GetAsync($"/api/events/{project}?token=garbage")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/events/{project}?token={Uri.EscapeDataString(expired)}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/events/{project}?token={Uri.EscapeDataString(accessToken)}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var forOther = await ExecutionSeed.StreamTokenAsync(client, other);
        await (await anonymous.GetAsync($"/api/events/{project}?token={Uri.EscapeDataString(forOther)}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Tokens_and_history_of_another_users_project_are_not_found()
    {
        var owner = await _app.CreateClientForNewUserAsync();
        var stranger = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, owner, [[]]);

        await (await stranger.PostAsync($"/api/events/{project}/token", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/events/{project}/history")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _app.CreateClient().PostAsync($"/api/events/{project}/token", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task History_is_the_persisted_timeline_newest_first_with_a_total()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);
        await client.PostAsync($"/api/projects/{project}/execute", null);
        await WaitForStatusAsync(client, project, "completed");

        var response = await client.GetAsync($"/api/events/{project}/history?limit=2");
        var page = await response.ReadJsonAsync();

        Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(["project_complete", "task_complete"], page.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(5, page[0].GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_gets_a_final_overflow_event_and_its_last_id_resumes_it()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);
        var publisher = _app.Services.GetRequiredService<IEventPublisher>();
        var bus = _app.Services.GetRequiredService<IEventBus>();
        var options = _app.Services.GetRequiredService<EventBusOptions>();
        var stream = new EventStream(_app.Services.GetRequiredService<Storage.Events.IEventStore>(), bus,
            new EventStreamOptions(), TimeProvider.System);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var ct = TestContext.Current.CancellationToken;

        await using var items = stream.ReadAsync(project, 0, context.Response, CancellationToken.None, ct).GetAsyncEnumerator(ct);
        // The first step subscribes; then publish faster than the stream reads until the subscriber is cut off.
        var first = items.MoveNextAsync();
        for (var i = 0; i < options.SubscriberBufferSize + 5; i++)
        {
            await publisher.PublishAsync(new NewEvent(project, "tool_call", $"e{i}"), ct);
        }
        var received = new List<System.Net.ServerSentEvents.SseItem<ReadOnlyMemory<byte>>>();
        if (await first)
        {
            received.Add(items.Current);
        }
        while (await items.MoveNextAsync())
        {
            received.Add(items.Current);
        }

        Assert.Equal(EventStream.OverflowEventType, received[^1].EventType);
        Assert.Null(received[^1].EventId);
        var ids = received.SkipLast(1).Select(r => long.Parse(r.EventId!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => (long)i), ids);
        Assert.True(ids.Count < options.SubscriberBufferSize + 5);
    }

    private static async Task WaitForStatusAsync(HttpClient client, string project, string status)
    {
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await using var stream = await RawEventStream.OpenAsync(client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync(status == "completed" ? "event: project_complete" : $"\"{status}\"");
    }
}
