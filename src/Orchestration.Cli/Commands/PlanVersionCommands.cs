using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch plan versions PROJECT` and `orch plan diff PROJECT A B`: a project's plan versions and what changed
/// between two of them (A and B are plan ids or version numbers).</summary>
internal static class PlanVersionCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Versions()
    {
        var id = new Argument<string>("project-id");
        var json = JsonOutput.Option();
        var command = new Command("versions", "List the project's plan versions with their status and forecast.") { id, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var plans = await client.GetAsync($"/api/projects/{parse.GetValue(id)}/plans", ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, plans);
                return;
            }
            Table.Write(output, ["VERSION", "ID", "STATUS", "CREATED", "FORECAST", "SPENT"], plans.EnumerateArray().Select(p => (IReadOnlyList<string>)
            [
                "v" + p.Text("version"), p.Text("id"), p.Text("status") + (p.TryGetProperty("approval_forced", out var f) && f.ValueKind == JsonValueKind.True ? " (forced)" : "")
                    + (p.GetPropertyOrDefault("replan_of") is null ? "" : " (re-plan)"),
                DateTimeOffset.FromUnixTimeMilliseconds((long)(p.GetProperty("created_at").GetDouble() * 1000)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                $"{Money(p, "forecast_low_usd")} – {Money(p, "forecast_high_usd")}",
                p.TryGetProperty("spent_usd", out var s) && s.ValueKind == JsonValueKind.Number ? Table.Money(s.GetDouble()) : "-",
            ]));
        });
        return command;
    }

    public static Command Diff()
    {
        var id = new Argument<string>("project-id");
        var from = new Argument<string>("a") { Description = "The version to compare from: plan id or version number (3 or v3)." };
        var to = new Argument<string>("b") { Description = "The version to compare to." };
        var json = new Option<bool>("--json") { Description = "Print the diff as the API's JSON." };
        var command = new Command("diff", "Show what changed from plan version A to B: tasks, dependencies, coverage and forecast.") { id, from, to, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var diff = await client.GetAsync(
                $"/api/projects/{parse.GetValue(id)}/plans/{Uri.EscapeDataString(parse.GetValue(from)!)}/diff/{Uri.EscapeDataString(parse.GetValue(to)!)}", ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(diff, Indented));
                return;
            }
            await PlanDiffText.WriteAsync(output, diff);
        });
        return command;
    }

    private static string Money(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? Table.Money(v.GetDouble()) : "-";
}
