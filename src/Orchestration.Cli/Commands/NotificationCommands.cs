using System.CommandLine;

namespace Orchestration.Cli.Commands;

/// <summary>`orch notifications deliveries`: the webhook deliveries of your projects (everyone's for an admin), newest first.</summary>
internal static class NotificationCommands
{
    public static Command Create()
    {
        var command = new Command("notifications", "Webhook notifications (config notifications.webhooks).");
        command.Subcommands.Add(Deliveries());
        return command;
    }

    private static Command Deliveries()
    {
        var project = new Option<string?>("--project") { Description = "Only this project's deliveries." };
        var status = new Option<string?>("--status") { Description = "Only pending, delivered or failed deliveries." };
        var limit = new Option<int?>("--limit") { Description = "How many, newest first (default 50, at most 500)." };
        var json = JsonOutput.Option();
        var command = new Command("deliveries", "List webhook deliveries: status, attempts, the last answer and when the next attempt is due.")
        {
            project, status, limit, json,
        };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var query = new List<string>();
            if (parse.GetValue(project) is { } p)
            {
                query.Add("project_id=" + Uri.EscapeDataString(p));
            }
            if (parse.GetValue(status) is { } s)
            {
                query.Add("status=" + Uri.EscapeDataString(s));
            }
            query.Add("limit=" + (parse.GetValue(limit) ?? 50).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var deliveries = await client.GetAsync("/api/notifications/deliveries?" + string.Join("&", query), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, deliveries);
                return;
            }
            Table.Write(output, ["ID", "CREATED", "KIND", "EVENT", "STATUS", "ATTEMPTS", "CODE", "NEXT/DELIVERED", "URL", "LAST ERROR"],
                deliveries.EnumerateArray().Select(d => (IReadOnlyList<string>)
                [
                    d.Text("id"), d.Time("created_at"), d.Text("kind"), d.Text("event"), d.Text("status"), d.Text("attempts"), d.Text("last_status_code"),
                    d.Time("next_attempt_at") is var next && next != "-" ? next : d.Time("delivered_at"), d.Text("url"), d.Text("last_error"),
                ]), fullLastColumn: true);
        });
        return command;
    }
}
