using System.Net;
using System.Text.Json;

namespace Orchestration.Cli.Client;

/// <summary>
/// Whether the server's simulated provider answers model calls: then plans, outputs and costs are generated offline
/// (priced as the models it stands in for), and the CLI says so beside them, as the web UI's banner does. The server
/// tells through its `simulated` service entry (GET /api/services/simulated, details.active).
/// </summary>
internal static class SimulatedProvider
{
    /// <summary>Appended to figures the simulated provider produced.</summary>
    public const string Tag = " [simulated]";

    public const string Note =
        "note: the simulated model provider answered: generated offline, not by a real model; costs are what the models it stands in for would charge.";

    public static async Task<bool> IsActiveAsync(OrchClient client, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await client.GetAsync("/api/services/simulated", cancellationToken);
            return entry.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
                   && details.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True;
        }
        catch (CliException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return false; // a server without the entry has no simulated provider
        }
    }
}
