using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace Orchestration.Cli.Commands;

/// <summary>
/// Tables for terminal output, drawn by Spectre.Console: on a terminal, bold headers and columns fitted to its width
/// (the last column wraps, the others end in "…"); piped or captured, one line per row with cells cut at 60 characters,
/// so that scripts can split the columns on runs of spaces. Figures after the first column are aligned right.
/// </summary>
internal static partial class Table
{
    private const int MaxWidth = 60;

    /// <summary>The width a piped table may take: wide enough that no row is ever wrapped.</summary>
    private const int PipedWidth = 32768;

    /// <summary>Writes the rows under the headers. Cells are cut at 60 characters when piped, except the last column when
    /// <paramref name="fullLastColumn"/> is set (free text such as a message: nothing follows it to misalign).</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool fullLastColumn = false)
    {
        // One row per line: line breaks inside free text would break the columns.
        var all = rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c.ReplaceLineEndings(" "))]).ToList();
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;
        var table = Build(headers, all, fullLastColumn, terminal);
        if (terminal)
        {
            AnsiConsole.Console.Write(table);
        }
        else
        {
            WritePlain(output, table);
        }
    }

    /// <summary>Draws the table on <paramref name="console"/> as on a terminal (fitted to its width); tests use a captured one.</summary>
    internal static void Write(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        console.Write(Build(headers, [.. rows], fullLastColumn: false, terminal: true));

    public static string Money(double usd) => "$" + usd.ToString("0.0000", CultureInfo.InvariantCulture);

    private static Spectre.Console.Table Build(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, bool fullLastColumn, bool terminal)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.None);
        for (var i = 0; i < headers.Count; i++)
        {
            var last = i == headers.Count - 1;
            var column = new TableColumn(new Text(headers[i], terminal ? new Style(decoration: Decoration.Bold) : Style.Plain))
                .Padding(0, 0, last ? 0 : 2, 0);
            var index = i;
            // The first column starts each line, so that `cut` and `awk` find it; the figures after it line up on the right.
            if (i > 0 && rows.Count > 0 && rows.All(r => r[index].Length == 0 || Figure().IsMatch(r[index])))
            {
                column.RightAligned();
            }
            if (!last)
            {
                column.NoWrap();
            }
            table.AddColumn(column);
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select((cell, i) => Cell(cell, last: i == row.Count - 1, fullLastColumn, terminal)));
        }
        return table;
    }

    private static Text Cell(string value, bool last, bool fullLastColumn, bool terminal)
    {
        if (terminal)
        {
            // Spectre fits the columns to the terminal: the last wraps, the others are cut with "…".
            return new Text(value).Overflow(last ? Overflow.Fold : Overflow.Ellipsis);
        }
        return new Text(value.Length > MaxWidth && !(fullLastColumn && last) ? value[..(MaxWidth - 1)] + "…" : value);
    }

    /// <summary>Renders the table as plain text, then writes its lines without the padding Spectre adds to each.</summary>
    private static void WritePlain(TextWriter output, Spectre.Console.Table table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PipedWidth;
        console.Write(table);
        foreach (var line in text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            output.WriteLine(line.TrimEnd());
        }
    }

    /// <summary>A figure: an amount, count or share ("$0.0120", "-3", "1,234", "70.3%"), not a list such as "0,1".</summary>
    [GeneratedRegex(@"^[-+]?\$?-?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?%?$")]
    private static partial Regex Figure();
}
