using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Notifications;

public sealed class WebhookTests
{
    private const string Secret = "whsec-test-0123456789abcdef";

    [Fact]
    public async Task Deliveries_arrive_signed_with_the_secret_and_only_of_the_kinds_asked_for()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var other = await WebhookReceiver.StartAsync();
        await using var app = await OrchestrationApp.StartAsync(Config(
            Hook(receiver.Url, Secret, "project_complete", "task_failed"), Hook(other.Url, "another-secret-value", "task_failed")));
        var user = await app.CreateUserAsync();

        var project = await NotificationRuns.RunAsync(app, user.Client, "project_complete", [], [0]);
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30));

        var request = Assert.Single(receiver.Requests);
        Assert.True(WebhookReceiver.Verifies(request, Secret, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow), request.Signature);
        Assert.False(WebhookReceiver.Verifies(request, "wrong-secret", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        Assert.False(WebhookReceiver.Verifies(request with { Body = request.Body.Replace("project_complete", "project_failed") }, Secret,
            TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        // An old timestamp is refused by a receiver that checks it, whatever the signature.
        Assert.False(WebhookReceiver.Verifies(request, Secret, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddMinutes(10)));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(request.DeliveryId, body.GetProperty("id").GetString());
        Assert.Equal(("project_complete", "project_complete", project), (body.GetProperty("kind").GetString(), body.GetProperty("event").GetString(),
            body.GetProperty("project_id").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("task_id").ValueKind);
        Assert.Equal(2, body.GetProperty("data").GetProperty("tasks_completed").GetInt32());
        Assert.InRange(body.GetProperty("timestamp").GetDouble(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal("project_complete", request.EventType);

        var delivered = await NotificationRuns.WaitForDeliveryAsync(user.Client, d => d.GetProperty("status").GetString() == "delivered");
        Assert.Equal((request.DeliveryId, receiver.Url, 1, 200), (delivered.GetProperty("id").GetString(), delivered.GetProperty("url").GetString(),
            delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("last_status_code").GetInt32()));
        Assert.True(delivered.GetProperty("delivered_at").GetDouble() >= delivered.GetProperty("created_at").GetDouble());
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("next_attempt_at").ValueKind);
        var (all, total) = await NotificationRuns.DeliveriesAsync(user.Client);
        Assert.Equal(1, total);
        Assert.DoesNotContain(Secret, JsonSerializer.Serialize(all), StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task Deliveries_are_listed_only_to_the_owner_of_their_project_and_to_admins()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await OrchestrationApp.StartAsync(Config(Hook(receiver.Url, Secret)));
        var admin = await app.CreateUserAsync();
        var owner = await app.CreateUserAsync();
        var stranger = await app.CreateUserAsync();

        var project = await NotificationRuns.RunAsync(app, owner.Client, "project_complete", []);
        var mine = await NotificationRuns.WaitForDeliveryAsync(owner.Client, d => d.GetProperty("kind").GetString() == "project_complete");

        Assert.Equal(project, mine.GetProperty("project_id").GetString());
        Assert.Equal((Array.Empty<JsonElement>().Length, 0), ((await NotificationRuns.DeliveriesAsync(stranger.Client)).Items.Length,
            (await NotificationRuns.DeliveriesAsync(stranger.Client)).Total));
        Assert.Empty((await NotificationRuns.DeliveriesAsync(stranger.Client, $"?project_id={project}")).Items);
        Assert.Contains((await NotificationRuns.DeliveriesAsync(admin.Client)).Items, d => d.GetProperty("id").GetString() == mine.GetProperty("id").GetString());
        var page = await NotificationRuns.DeliveriesAsync(owner.Client, "?limit=1&offset=0&status=delivered");
        Assert.Single(page.Items);

        await (await owner.Client.GetAsync("/api/notifications/deliveries?status=bogus")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "status");
        await (await owner.Client.GetAsync("/api/notifications/deliveries?limit=0")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "limit");
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/notifications/deliveries")).StatusCode);
    }

    [Fact]
    public async Task A_receiver_answering_500_gets_the_same_delivery_again_until_it_is_delivered()
    {
        await using var flaky = await WebhookReceiver.StartAsync();
        await using var refusing = await WebhookReceiver.StartAsync();
        await using var broken = await WebhookReceiver.StartAsync();
        flaky.Answer = n => n <= 2 ? 500 : 200;
        refusing.Answer = _ => 400;
        broken.Answer = _ => 503;
        await using var app = await OrchestrationApp.StartAsync(Config(
            [Hook(flaky.Url, Secret), Hook(refusing.Url, Secret), Hook(broken.Url, Secret)],
            """ "max_attempts": 3, "retry_backoff_base_seconds": 0.1, "retry_backoff_max_seconds": 0.5 """));
        var user = await app.CreateUserAsync();

        await NotificationRuns.RunAsync(app, user.Client, "project_complete", []);
        await flaky.WaitForAsync(3, TimeSpan.FromSeconds(30));

        Assert.Single(flaky.Requests.Select(r => r.DeliveryId).Distinct());
        Assert.Single(flaky.Requests.Select(r => r.Body).Distinct());
        Assert.All(flaky.Requests, r => Assert.True(WebhookReceiver.Verifies(r, Secret, TimeSpan.FromMinutes(5), r.ReceivedAt)));
        var delivered = await NotificationRuns.WaitForDeliveryAsync(user.Client,
            d => d.GetProperty("url").GetString() == flaky.Url && d.GetProperty("status").GetString() == "delivered");
        Assert.Equal((3, 200), (delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("last_status_code").GetInt32()));
        // A 4xx other than 408/429 is not retried; a 5xx is, until max_attempts.
        var refused = await NotificationRuns.WaitForDeliveryAsync(user.Client, d => d.GetProperty("url").GetString() == refusing.Url
            && d.GetProperty("status").GetString() == "failed");
        Assert.Equal((1, 400), (refused.GetProperty("attempts").GetInt32(), refused.GetProperty("last_status_code").GetInt32()));
        Assert.Contains("400", refused.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        var exhausted = await NotificationRuns.WaitForDeliveryAsync(user.Client, d => d.GetProperty("url").GetString() == broken.Url
            && d.GetProperty("status").GetString() == "failed");
        Assert.Equal((3, 503), (exhausted.GetProperty("attempts").GetInt32(), exhausted.GetProperty("last_status_code").GetInt32()));
        Assert.Single(refusing.Requests);
        Assert.Equal(3, broken.Requests.Count);
    }

    [Fact]
    public async Task A_receiver_that_hangs_or_is_down_never_delays_a_project()
    {
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Answer = _ => 0;
        var down = await WebhookReceiver.StartAsync();
        var downUrl = down.Url;
        await down.DisposeAsync();
        await using var app = await OrchestrationApp.StartAsync(Config(
            [Hook(hanging.Url, Secret), Hook(downUrl, Secret)], """ "timeout_seconds": 120, "retry_backoff_base_seconds": 0.05 """));
        var user = await app.CreateUserAsync();

        await NotificationRuns.RunAsync(app, user.Client, "project_complete", []);
        await hanging.WaitForAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal(1, hanging.InFlight);

        // While the receiver holds the first delivery (for up to two minutes), more projects run and complete in normal time.
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await NotificationRuns.RunAsync(app, user.Client, "project_complete", [], [0], [1]);
        }
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"Three projects took {watch.Elapsed} with a stalled receiver.");
        Assert.True(hanging.InFlight >= 1, "The receiver was expected to still hold a delivery.");
        var retrying = await NotificationRuns.WaitForDeliveryAsync(user.Client, d => d.GetProperty("url").GetString() == downUrl
            && d.GetProperty("attempts").GetInt32() >= 2);
        Assert.StartsWith("Network error", retrying.GetProperty("last_error").GetString(), StringComparison.Ordinal);
    }

    internal static string Hook(string url, string secret, params string[] events) =>
        JsonSerializer.Serialize(new { url, secret, events });

    private static string Config(params string[] hooks) => Config(hooks, null);

    private static string Config(string[] hooks, string? extra) =>
        $$"""{ "notifications": { "webhooks": [{{string.Join(", ", hooks)}}]{{(extra is null ? "" : ", " + extra)}} } }""";
}
