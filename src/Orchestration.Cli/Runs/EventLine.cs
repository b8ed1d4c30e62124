using System.Text.Json;
using Orchestration.Cli.Commands;

namespace Orchestration.Cli.Runs;

/// <summary>One event as a line: local time, type, message and its cost when it has one.</summary>
internal static class EventLine
{
    public static string Format(string type, JsonElement data)
    {
        var cost = data.TryGetProperty("cost_usd", out var c) && c.ValueKind == JsonValueKind.Number ? $"  {Table.Money(c.GetDouble())}" : "";
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)(data.Number("timestamp") * 1000)).ToLocalTime();
        return $"{time:HH:mm:ss} {type,-22} {data.GetPropertyOrDefault("message")?.ReplaceLineEndings(" ")}{cost}";
    }
}
