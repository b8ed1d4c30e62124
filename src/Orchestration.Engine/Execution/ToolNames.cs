using System.Text.Json;

namespace Orchestration.Engine.Execution;

/// <summary>Reads a task's tools_json (a JSON array of tool names; anything else reads as no tools).</summary>
internal static class ToolNames
{
    public static IReadOnlyList<string> Read(string? json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<string?>>(json)?.OfType<string>().ToList() ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
