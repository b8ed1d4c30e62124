using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>`orch events`: the persisted timeline of a project (every run), oldest of the shown events first.</summary>
internal static class EventCommands
{
    public static Command Create()
    {
        var id = new Argument<string>("project-id");
        var limit = new Option<int>("--limit") { Description = "How many of the newest events to show (1–5000).", DefaultValueFactory = _ => 50 };
        var json = JsonOutput.Option();
        var command = new Command("events", "Show a project's event history: sequence, time, type, cost and message.") { id, limit, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var count = parse.GetValue(limit);
            var (events, total) = await client.GetPageAsync(
                $"/api/events/{Uri.EscapeDataString(parse.GetValue(id)!)}/history?limit={count.ToString(CultureInfo.InvariantCulture)}", ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, events);
                return;
            }
            // The server sends the newest first; a timeline reads top to bottom.
            var rows = events.EnumerateArray().Reverse().Select(e => (IReadOnlyList<string>)
            [
                e.Text("seq"), e.Time("timestamp"), e.Text("type"),
                e.TryGetProperty("cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number ? Table.Money(cost.GetDouble()) : "-",
                e.Text("message"),
            ]).ToList();
            Table.Write(output, ["SEQ", "TIME", "TYPE", "COST", "MESSAGE"], rows, fullLastColumn: true);
            if (total is { } all && all > rows.Count)
            {
                await output.WriteLineAsync($"({rows.Count} newest of {all} events; --limit shows more)");
            }
        });
        return command;
    }
}
