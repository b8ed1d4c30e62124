using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Notifications;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch notifications deliveries` against a server with a webhook to a real loopback receiver.</summary>
[Collection(nameof(CliTests))]
public sealed class CliNotificationTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Deliveries_are_a_table_with_status_and_attempts_and_bad_filters_fail_on_one_line()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 1 ? 503 : 200;
        await using var app = await OrchestrationApp.StartAsync(
            $$"""{ "notifications": { "webhooks": [{{WebhookTests.Hook(receiver.Url, "cli-secret-value")}}], "retry_backoff_base_seconds": 0.05 } }""");
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", "cli-password-123");
        (await CliRunner.RunAsync(app.BaseAddress, _home, "login", "--email", "cli-notify@example.com", "--register")).Succeeded();
        var session = await app.CreateUserAsync("cli-notify-2@example.com");
        var project = await NotificationRuns.RunAsync(app, session.Client, "project_complete", []);
        await NotificationRuns.WaitForDeliveryAsync(session.Client, d => d.GetProperty("status").GetString() == "delivered");

        // The CLI user is the admin (first user): they see the other user's delivery too.
        var table = (await CliRunner.RunAsync(app.BaseAddress, _home, "notifications", "deliveries", "--project", project)).Succeeded();

        Assert.StartsWith("ID", table.Output, StringComparison.Ordinal);
        var row = Assert.Single(table.Rows);
        Assert.Matches(@"project_complete\s+project_complete\s+delivered\s+2\s+200\s", row);
        Assert.Contains(receiver.Url, row, StringComparison.Ordinal);
        Assert.DoesNotContain("cli-secret-value", table.Output, StringComparison.Ordinal);
        Assert.Empty((await CliRunner.RunAsync(app.BaseAddress, _home, "notifications", "deliveries", "--status", "failed")).Succeeded().Rows);
        (await CliRunner.RunAsync(app.BaseAddress, _home, "notifications", "deliveries", "--status", "lost")).Failed("422", "status");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was stored.
        }
    }
}
