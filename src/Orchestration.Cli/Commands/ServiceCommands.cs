using System.CommandLine;
using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>`orch services [ID] [--refresh] [--json]`: the health of the model providers, the database, ComfyUI hosts
/// and the knowledge databases' embedder, as the server last probed them (or now, with --refresh).</summary>
internal static class ServiceCommands
{
    public static Command Create()
    {
        var id = new Argument<string?>("service-id") { Description = "One service (e.g. database); all of them by default.", Arity = ArgumentArity.ZeroOrOne };
        var refresh = new Option<bool>("--refresh") { Description = "Probe the services now instead of showing the last probe." };
        var json = JsonOutput.Option();
        var command = new Command("services", "Show the health of external services: model providers, database, ComfyUI, embedder.") { id, refresh, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var query = parse.GetValue(refresh) ? "?refresh=true" : "";
            var one = parse.GetValue(id);
            var answer = await client.GetAsync(one is null ? "/api/services" + query : $"/api/services/{Uri.EscapeDataString(one)}{query}", ct);
            var services = answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray().ToList() : [answer];
            await parse.WriteAsync(json, output, answer, () => Table.Write(output, ["ID", "CATEGORY", "STATUS", "METHOD", "NAME", "DETAILS"],
                services.Select(s => (IReadOnlyList<string>)
                    [s.Text("id"), s.Text("category"), s.Text("status"), s.Text("method"), s.Text("name"), Details(s)]), fullLastColumn: true));
        });
        return command;
    }

    /// <summary>The details object as "key=value" pairs (nested values as compact JSON).</summary>
    private static string Details(JsonElement service) =>
        service.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object && details.EnumerateObject().Any()
            ? string.Join(" ", details.EnumerateObject().Select(p => $"{p.Name}={(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"))
            : "-";
}
