using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>An admin analytics answer as text: each scalar field on a line, each array of rows as a table under its name.</summary>
internal static class AnalyticsText
{
    public static async Task WriteAsync(TextWriter output, JsonElement report)
    {
        foreach (var field in report.EnumerateObject())
        {
            switch (field.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    await output.WriteLineAsync();
                    await output.WriteLineAsync(field.Name + ":");
                    WriteRows(output, [.. field.Value.EnumerateArray()]);
                    break;
                case JsonValueKind.Object:
                    await output.WriteLineAsync();
                    await output.WriteLineAsync(field.Name + ":");
                    WriteRows(output, [field.Value]);
                    break;
                default:
                    await output.WriteLineAsync($"{field.Name}: {report.Text(field.Name)}");
                    break;
            }
        }
    }

    /// <summary>Rows of objects under headers made of their field names (upper case).</summary>
    private static void WriteRows(TextWriter output, IReadOnlyList<JsonElement> rows)
    {
        var names = rows.Where(r => r.ValueKind == JsonValueKind.Object).SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        if (names.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }
        Table.Write(output, [.. names.Select(n => n.ToUpperInvariant())],
            rows.Select(r => (IReadOnlyList<string>)[.. names.Select(n => n.EndsWith("_usd", StringComparison.Ordinal) ? Table.Money(r.Number(n)) : r.Text(n))]));
    }
}
