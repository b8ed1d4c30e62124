using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch cost PROJECT [--run N] [--routing FILE] [--json]`: what a run cost beside what the same calls would have
/// cost on Sonnet only, on Haiku only and under a routing table of your own.</summary>
internal static class CostCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var id = new Argument<string>("project-id");
        var run = new Option<string>("--run") { Description = "The run number (1, 2, ...); the latest run by default.", DefaultValueFactory = _ => "latest" };
        var routing = new Option<FileInfo?>("--routing")
        {
            Description = "A JSON file with a routing table shaped like config.json's \"routing\" (or a whole config.json) to price the run under.",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as the API's JSON." };
        var command = new Command("cost",
            "Price a run's calls under other routings (all Sonnet, all Haiku, your table) with the token counts it observed.") { id, run, routing, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var path = $"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/runs/{Uri.EscapeDataString(parse.GetValue(run)!)}/cost-report";
            var report = parse.GetValue(routing) is { } file
                ? await client.PostAsync(path, await ReadRoutingAsync(file, ct), ct)
                : await client.GetAsync(path, ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, Indented));
                return;
            }
            await WriteAsync(output, report);
        });
        return command;
    }

    /// <summary>A cost report as text: a run's, or (with from and to) an admin's report of a period.</summary>
    public static async Task WriteAsync(TextWriter output, JsonElement report)
    {
        await output.WriteLineAsync($"{(report.Text("run") == "-" ? $"{report.Text("from")} to {report.Text("to")}" : $"run {report.Text("run")}")}: actual {Table.Money(report.Number("actual_usd"))} over {report.Text("calls")} calls "
            + $"({report.Text("repriced_calls")} task calls priced again; {Table.Money(report.Number("fixed_usd"))} of other calls the same in every scenario)");
        var cache = report.GetProperty("cache");
        await output.WriteLineAsync($"cache reads: {Percent(100 * cache.Number("cache_read_share"))} of {cache.Number("prompt_tokens").ToString("N0", CultureInfo.InvariantCulture)} prompt tokens");
        await output.WriteLineAsync();
        var scenarios = report.GetProperty("scenarios").EnumerateArray().ToList();
        Table.Write(output, ["SCENARIO", "TOTAL", "SAVING", "SAVING %"], scenarios.Select(s => (IReadOnlyList<string>)
            [s.Text("name"), Table.Money(s.Number("total_usd")), Table.Money(s.Number("saving_usd")), Pct(s)]));
        foreach (var scenario in scenarios.Where(s => s.GetProperty("drivers").GetArrayLength() > 0))
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"tasks that drive the difference against {scenario.Text("name")}:");
            Table.Write(output, ["TASK", "TIER", "THERE", "CALLS", "ACTUAL", "THERE $", "TITLE"], scenario.GetProperty("drivers").EnumerateArray().Select(d =>
                (IReadOnlyList<string>)[d.Text("task_id"), d.Text("tier"), d.Text("scenario_tier"), d.Text("calls"),
                    Table.Money(d.Number("actual_usd")), Table.Money(d.Number("scenario_usd")), d.Text("title")]), fullLastColumn: true);
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync("note: " + report.Text("note"));
    }

    private static string Pct(JsonElement scenario) =>
        scenario.TryGetProperty("saving_pct", out var pct) && pct.ValueKind == JsonValueKind.Number ? Percent(pct.GetDouble()) : "-";

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The routing table of the file: its "routing" section when it is a whole config file.</summary>
    public static async Task<JsonElement> ReadRoutingAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            var root = JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName, ct)).RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("routing", out var section) ? section : root;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliException($"Cannot read the routing table in {file.FullName}: {ex.Message}");
        }
    }
}
