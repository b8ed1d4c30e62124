using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch admin`: users (list, role, activate, deactivate), installation stats, the analytics pages and the
/// installation's cost report. Every
/// route needs the admin role; anyone else gets the server's 403 on one line.</summary>
internal static class AdminCommands
{
    private static readonly string[] Analytics = ["usage-overview", "cost-breakdown", "task-outcomes", "efficiency"];

    public static Command Create()
    {
        var command = new Command("admin", "Administration: users, roles, installation stats and analytics (admin role only).");
        command.Subcommands.Add(Users());
        command.Subcommands.Add(Role());
        command.Subcommands.Add(Activation("activate", true, "Let a deactivated user sign in again."));
        command.Subcommands.Add(Activation("deactivate", false, "Stop a user: their sessions and API keys stop working at once."));
        command.Subcommands.Add(Stats());
        command.Subcommands.Add(AnalyticsCommand());
        command.Subcommands.Add(CostReport());
        return command;
    }

    private static Command Users()
    {
        var json = JsonOutput.Option();
        var command = new Command("users", "List every user: role, whether active, last sign-in and project count.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var users = await client.GetAsync("/api/admin/users", ct);
            await parse.WriteAsync(json, output, users, () => Table.Write(output, ["ID", "EMAIL", "ROLE", "ACTIVE", "LAST LOGIN", "PROJECTS", "NAME"],
                users.EnumerateArray().Select(u => (IReadOnlyList<string>)
                    [u.Text("id"), u.Text("email"), u.Text("role"), u.Text("is_active"), u.Time("last_login_at"), u.Text("project_count"), u.Text("display_name")]),
                fullLastColumn: true));
        });
        return command;
    }

    private static Command Role()
    {
        var user = UserArgument();
        var role = new Argument<string>("role") { Description = "admin or user." };
        role.AcceptOnlyFromAmong("admin", "user");
        var command = new Command("role", "Give a user the admin or the user role.") { user, role };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteUserAsync(output, await client.PatchAsync(await UserPathAsync(client, parse.GetValue(user)!, ct), new { role = parse.GetValue(role) }, ct)));
        return command;
    }

    private static Command Activation(string name, bool active, string description)
    {
        var user = UserArgument();
        var command = new Command(name, description) { user };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteUserAsync(output, await client.PatchAsync(await UserPathAsync(client, parse.GetValue(user)!, ct), new { is_active = active }, ct)));
        return command;
    }

    private static Command Stats()
    {
        var json = JsonOutput.Option();
        var command = new Command("stats", "Show installation totals: users, projects and tasks by status, completion rate and spend by model.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var s = await client.GetAsync("/api/admin/stats", ct);
            await parse.WriteAsync(json, output, s, async () =>
            {
                await output.WriteLineAsync($"users:    {s.Text("active_users")} active of {s.Text("total_users")}");
                await output.WriteLineAsync($"projects: {s.Text("total_projects")} ({Counts(s, "projects_by_status")})");
                await output.WriteLineAsync($"tasks:    {s.Text("total_tasks")} ({Counts(s, "tasks_by_status")}); "
                                            + $"{(100 * s.Number("task_completion_rate")).ToString("0.#", CultureInfo.InvariantCulture)}% completed");
                await output.WriteLineAsync($"spend:    {Table.Money(s.Number("total_spend_usd"))}");
                Table.Write(output, ["MODEL", "SPEND"], s.TryGetProperty("spend_by_model", out var models) && models.ValueKind == JsonValueKind.Object
                    ? models.EnumerateObject().Select(m => (IReadOnlyList<string>)[m.Name, Table.Money(m.Value.GetDouble())])
                    : []);
            });
        });
        return command;
    }

    private static Command AnalyticsCommand()
    {
        var page = new Argument<string>("page") { Description = string.Join(", ", Analytics) + "." };
        page.AcceptOnlyFromAmong(Analytics);
        var days = new Option<int?>("--days") { Description = "How many days back (1–365, default 30)." };
        var json = JsonOutput.Option();
        var command = new Command("analytics", "Show an analytics page: each of its sections as a table.") { page, days, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var report = await client.GetAsync(
                $"/api/admin/analytics/{parse.GetValue(page)}?days={(parse.GetValue(days) ?? 30).ToString(CultureInfo.InvariantCulture)}", ct);
            await parse.WriteAsync(json, output, report, () => AnalyticsText.WriteAsync(output, report));
        });
        return command;
    }

    private static Command CostReport()
    {
        var from = new Option<string?>("--from") { Description = "First UTC day, YYYY-MM-DD (default: 30 days ago)." };
        var to = new Option<string?>("--to") { Description = "Last UTC day, YYYY-MM-DD (default: today)." };
        var routing = new Option<FileInfo?>("--routing") { Description = "A JSON routing table (or a whole config.json) to price the period under." };
        var json = JsonOutput.Option();
        var command = new Command("cost-report", "Price everyone's calls of a period under all-Sonnet, all-Haiku and your routing table.") { from, to, routing, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var query = new List<string>();
            foreach (var (name, value) in new[] { ("from", parse.GetValue(from)), ("to", parse.GetValue(to)) })
            {
                if (value is not null)
                {
                    query.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }
            if (parse.GetValue(routing) is { } file)
            {
                query.Add("routing=" + Uri.EscapeDataString((await CostCommands.ReadRoutingAsync(file, ct)).GetRawText()));
            }
            var report = await client.GetAsync("/api/admin/cost-report" + (query.Count > 0 ? "?" + string.Join("&", query) : ""), ct);
            await parse.WriteAsync(json, output, report, () => CostCommands.WriteAsync(output, report));
        });
        return command;
    }

    private static Argument<string> UserArgument() => new("user") { Description = "The user's id or email." };

    /// <summary>The user's admin route; an email is looked up in the user list first.</summary>
    private static async Task<string> UserPathAsync(OrchClient client, string user, CancellationToken ct)
    {
        var id = user;
        if (user.Contains('@', StringComparison.Ordinal))
        {
            id = (await client.GetAsync("/api/admin/users", ct)).EnumerateArray()
                     .FirstOrDefault(u => string.Equals(u.Text("email"), user, StringComparison.OrdinalIgnoreCase)).GetPropertyOrDefault("id")
                 ?? throw new CliException($"No user has the email {user}.");
        }
        return $"/api/admin/users/{Uri.EscapeDataString(id)}";
    }

    private static Task WriteUserAsync(TextWriter output, JsonElement user) =>
        output.WriteLineAsync($"{user.Text("email")}: role {user.Text("role")}, {(user.Text("is_active") == "true" ? "active" : "deactivated")}");

    private static string Counts(JsonElement element, string name) =>
        element.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object && map.EnumerateObject().Any()
            ? string.Join(", ", map.EnumerateObject().Select(p => $"{p.Value.GetRawText()} {p.Name}"))
            : "none";
}
