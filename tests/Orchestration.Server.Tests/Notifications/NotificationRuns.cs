using System.Net.Http.Json;
using System.Text.Json;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Notifications;

internal static class NotificationRuns
{
    /// <summary>Seeds a project with tasks (deps as in <see cref="ExecutionSeed"/>), executes it and reads its live events
    /// until <paramref name="untilEvent"/>.</summary>
    public static async Task<string> RunAsync(OrchestrationApp app, HttpClient client, string untilEvent, params int[][] deps)
    {
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(app, client, deps);
        await ExecuteUntilAsync(client, project, untilEvent);
        return project;
    }

    public static async Task ExecuteUntilAsync(HttpClient client, string project, string untilEvent)
    {
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        await using var stream = await RawEventStream.OpenAsync(client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync($"event: {untilEvent}");
    }

    public static async Task<(JsonElement[] Items, int Total)> DeliveriesAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/notifications/deliveries" + query);
        var body = await response.ReadJsonAsync();
        return (body.EnumerateArray().ToArray(), int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Polls the deliveries list until one matches (deliveries are written and sent in the background).</summary>
    public static async Task<JsonElement> WaitForDeliveryAsync(HttpClient client, Func<JsonElement, bool> match, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var (items, _) = await DeliveriesAsync(client, "?limit=500");
            if (items.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "No matching delivery: " + string.Join("\n", items.Select(i => i.GetRawText())));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
