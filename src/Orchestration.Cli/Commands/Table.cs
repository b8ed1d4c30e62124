namespace Orchestration.Cli.Commands;

/// <summary>Plain aligned columns for terminal output.</summary>
internal static class Table
{
    private const int MaxWidth = 60;

    /// <summary>Writes the rows under the headers. Cells are cut at 60 characters, except the last column when
    /// <paramref name="fullLastColumn"/> is set (free text such as a message: nothing follows it to misalign).</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool fullLastColumn = false)
    {
        // One row per line: line breaks inside free text would break the columns.
        var all = rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c.ReplaceLineEndings(" "))]).ToList();
        var widths = headers.Select((h, i) => Math.Min(MaxWidth, Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length)))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) =>
                (c.Length > widths[i] && !(fullLastColumn && i == row.Count - 1) ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd());
        }
    }

    public static string Money(double usd) => "$" + usd.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
