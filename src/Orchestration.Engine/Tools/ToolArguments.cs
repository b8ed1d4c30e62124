using System.Text.Json;

namespace Orchestration.Engine.Tools;

/// <summary>Reads tool arguments, which arrive as strings or JSON elements depending on the provider.</summary>
public static class ToolArguments
{
    public static string RequiredString(IReadOnlyDictionary<string, object?> arguments, string name) =>
        OptionalString(arguments, name) ?? throw new ToolException($"The '{name}' argument is required (a string).");

    public static string? OptionalString(IReadOnlyDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement e => throw new ToolException($"The '{name}' argument must be a string (got {e.ValueKind.ToString().ToLowerInvariant()})."),
            _ => throw new ToolException($"The '{name}' argument must be a string."),
        } : null;

    public static int? OptionalInt(IReadOnlyDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n) => n,
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            string s when int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new ToolException($"The '{name}' argument must be a whole number."),
        } : null;

    /// <summary>A short form of the arguments for events and logs: long strings become their length, never their text.</summary>
    public static string Summarise(IReadOnlyDictionary<string, object?> arguments, int maxValueChars = 80)
    {
        static string Text(object? value) => value switch
        {
            null => "null",
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
            JsonElement e => e.GetRawText(),
            _ => JsonSerializer.Serialize(value),
        };
        return string.Join(", ", arguments.Select(a =>
        {
            var text = Text(a.Value).ReplaceLineEndings(" ");
            return $"{a.Key}={(text.Length <= maxValueChars ? text : $"<{text.Length} chars>")}";
        }));
    }
}
