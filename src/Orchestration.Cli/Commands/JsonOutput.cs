using System.CommandLine;
using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>The --json switch: the API's answer printed as it came (indented), field names exactly the API's.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Option<bool> Option() => new("--json") { Description = "Print the API's JSON answer instead of a table." };

    public static Task WriteAsync(TextWriter output, JsonElement value) => output.WriteLineAsync(JsonSerializer.Serialize(value, Indented));

    /// <summary>Prints <paramref name="value"/> as JSON when --json was given, else as <paramref name="readable"/> writes it.</summary>
    public static Task WriteAsync(this ParseResult parse, Option<bool> json, TextWriter output, JsonElement value, Func<Task> readable) =>
        parse.GetValue(json) ? WriteAsync(output, value) : readable();

    /// <summary>The same for a list shown as a table.</summary>
    public static Task WriteAsync(this ParseResult parse, Option<bool> json, TextWriter output, JsonElement value, Action readable)
    {
        if (parse.GetValue(json))
        {
            return WriteAsync(output, value);
        }
        readable();
        return Task.CompletedTask;
    }
}
