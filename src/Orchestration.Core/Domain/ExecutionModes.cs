using System.Text.Json;

namespace Orchestration.Core.Domain;

/// <summary>
/// A project's <c>config.execution_mode</c>: <c>auto</c> (the executor runs every task), <c>hybrid</c> (it does, and
/// external workers may claim ready tasks first) or <c>external</c> (only external workers run tasks; the executor
/// keeps the graph, the events and the project's status).
/// </summary>
public static class ExecutionModes
{
    public const string Auto = "auto";
    public const string Hybrid = "hybrid";
    public const string External = "external";

    /// <summary>The mode in a project's config JSON; anything missing or unreadable is auto.</summary>
    public static string Of(string? configJson)
    {
        if (string.IsNullOrWhiteSpace(configJson))
        {
            return Auto;
        }
        try
        {
            using var document = JsonDocument.Parse(configJson);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("execution_mode", out var mode) &&
                   mode.ValueKind == JsonValueKind.String && mode.GetString() is Hybrid or External
                ? mode.GetString()!
                : Auto;
        }
        catch (JsonException)
        {
            return Auto;
        }
    }

    /// <summary>Whether external workers may claim the project's tasks.</summary>
    public static bool AllowsExternalWorkers(string mode) => mode is Hybrid or External;
}
