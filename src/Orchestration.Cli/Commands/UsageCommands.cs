using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>`orch usage` (the summary by model and provider), `usage daily`, `usage projects`, `usage budget` and
/// `usage accuracy`: the spend a user sees in the web UI's usage page (everyone's for an admin).</summary>
internal static class UsageCommands
{
    public static Command Create()
    {
        var project = new Option<string?>("--project") { Description = "Only this project's usage." };
        var json = JsonOutput.Option();
        var command = new Command("usage", "Show total spend, tokens and calls, by model and by provider.") { project, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var query = parse.GetValue(project) is { } p ? "?project_id=" + Uri.EscapeDataString(p) : "";
            var summary = await client.GetAsync("/api/usage/summary" + query, ct);
            await parse.WriteAsync(json, output, summary, () => WriteSummaryAsync(output, summary));
        });
        command.Subcommands.Add(Daily());
        command.Subcommands.Add(Projects());
        command.Subcommands.Add(AccountCommands.Budget("budget"));
        command.Subcommands.Add(Accuracy());
        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter output, JsonElement summary)
    {
        await output.WriteLineAsync($"total: {Table.Money(summary.Number("total_cost_usd"))} over {summary.Text("api_call_count")} calls, "
                                    + $"{Tokens(summary, "total_prompt_tokens")} prompt + {Tokens(summary, "total_completion_tokens")} completion tokens");
        await output.WriteLineAsync();
        Table.Write(output, ["MODEL", "CALLS", "PROMPT", "COMPLETION", "COST"], Entries(summary, "by_model").Select(m => (IReadOnlyList<string>)
            [m.Name, m.Value.Text("calls"), Tokens(m.Value, "prompt_tokens"), Tokens(m.Value, "completion_tokens"), Table.Money(m.Value.Number("cost_usd"))]));
        await output.WriteLineAsync();
        Table.Write(output, ["PROVIDER", "CALLS", "COST"], Entries(summary, "by_provider").Select(p => (IReadOnlyList<string>)
            [p.Name, p.Value.Text("calls"), Table.Money(p.Value.Number("cost_usd"))]));
    }

    private static Command Daily()
    {
        var days = new Option<int?>("--days") { Description = "How many days back (1–90, default 30)." };
        var json = JsonOutput.Option();
        var command = new Command("daily", "Show spend, calls and tokens per UTC day.") { days, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var rows = await client.GetAsync("/api/usage/daily?days=" + (parse.GetValue(days) ?? 30).ToString(CultureInfo.InvariantCulture), ct);
            await parse.WriteAsync(json, output, rows, () => Table.Write(output, ["DATE", "CALLS", "PROMPT", "COMPLETION", "COST"],
                rows.EnumerateArray().Select(d => (IReadOnlyList<string>)
                    [d.Text("date"), d.Text("api_calls"), Tokens(d, "prompt_tokens"), Tokens(d, "completion_tokens"), Table.Money(d.Number("cost_usd"))])));
        });
        return command;
    }

    private static Command Projects()
    {
        var json = JsonOutput.Option();
        var command = new Command("projects", "Show spend, calls, tokens and cache reads per project.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var rows = await client.GetAsync("/api/usage/by-project", ct);
            await parse.WriteAsync(json, output, rows, () => Table.Write(output, ["PROJECT", "CALLS", "PROMPT", "COMPLETION", "CACHE READ", "COST", "NAME"],
                rows.EnumerateArray().Select(p => (IReadOnlyList<string>)
                [
                    p.Text("project_id"), p.Text("api_calls"), Tokens(p, "prompt_tokens"), Tokens(p, "completion_tokens"),
                    (100 * p.Number("cache_read_share")).ToString("0.0", CultureInfo.InvariantCulture) + "%", Table.Money(p.Number("cost_usd")), p.Text("project_name"),
                ]), fullLastColumn: true));
        });
        return command;
    }

    private static Command Accuracy()
    {
        var json = JsonOutput.Option();
        var command = new Command("accuracy", "Show how often finished runs stayed inside their plan's forecast range.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var a = await client.GetAsync("/api/usage/forecast-accuracy", ct);
            await parse.WriteAsync(json, output, a, () => output.WriteLineAsync(
                $"runs: {a.Text("runs")}; inside the forecast {a.Text("inside")}, below {a.Text("below")}, above {a.Text("above")}"
                + (a.TryGetProperty("inside_share", out var share) && share.ValueKind == JsonValueKind.Number
                    ? $" ({(100 * share.GetDouble()).ToString("0.#", CultureInfo.InvariantCulture)}% inside)" : "")));
        });
        return command;
    }

    private static IEnumerable<(string Name, JsonElement Value)> Entries(JsonElement element, string name) =>
        element.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Select(p => (p.Name, p.Value)).OrderByDescending(p => p.Value.Number("cost_usd"))
            : [];

    private static string Tokens(JsonElement element, string name) => element.Number(name).ToString("N0", CultureInfo.InvariantCulture);
}
