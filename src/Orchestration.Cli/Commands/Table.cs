using System.Globalization;
using System.Text.RegularExpressions;
using Orchestration.Cli.Runs;
using Spectre.Console;

namespace Orchestration.Cli.Commands;

/// <summary>
/// Tables for terminal output, drawn by Spectre.Console. Piped or captured: one line per row with cells cut at 60
/// characters, so that scripts can split the columns on runs of spaces. On a terminal: bold headers, and the table
/// fitted to the terminal's width by wrapping its free-text columns (titles, messages) inside their column while ids,
/// statuses and figures stay whole; a terminal too narrow even for that gets the piped lines. Figures after the first
/// column are aligned right.
/// </summary>
internal static partial class Table
{
    private const int MaxWidth = 60;

    /// <summary>The width a piped table may take: wide enough that no row is ever wrapped.</summary>
    private const int PipedWidth = 32768;

    /// <summary>The narrowest a free-text column is squeezed to on a terminal before the table gives up fitting.</summary>
    private const int MinTextWidth = 16;

    private const int Gap = 2;

    /// <summary>Writes the rows under the headers. Cells are cut at 60 characters when piped, except the last column when
    /// <paramref name="fullLastColumn"/> is set (free text such as a message: nothing follows it to misalign).</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool fullLastColumn = false)
    {
        if (Terminal.Shows(output) && AnsiConsole.Profile.Capabilities.Ansi)
        {
            Write(AnsiConsole.Console, headers, rows, fullLastColumn);
        }
        else
        {
            WritePlain(output, headers, OneLine(rows), fullLastColumn);
        }
    }

    /// <summary>Draws the table on <paramref name="console"/> as on a terminal, fitted to its width; tests use a captured one.</summary>
    internal static void Write(IAnsiConsole console, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool fullLastColumn = false)
    {
        var all = OneLine(rows);
        var text = TextColumns(headers, all);
        if (!Fits(headers, all, text, console.Profile.Width))
        {
            WritePlain(console.Profile.Out.Writer, headers, all, fullLastColumn);
            return;
        }
        var table = Build(headers, all, new Style(decoration: Decoration.Bold), text.Contains);
        foreach (var row in all)
        {
            table.AddRow(row.Select(cell => new Text(cell)));
        }
        console.Write(table);
    }

    public static string Money(double usd) => "$" + usd.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>One row per line: line breaks inside free text would break the columns.</summary>
    private static List<IReadOnlyList<string>> OneLine(IEnumerable<IReadOnlyList<string>> rows) =>
        [.. rows.Select(r => (IReadOnlyList<string>)[.. r.Select(c => c.ReplaceLineEndings(" "))])];

    /// <summary>The columns that may wrap on a terminal: free text (a cell with a space in it), and the last column.</summary>
    private static HashSet<int> TextColumns(IReadOnlyList<string> headers, List<IReadOnlyList<string>> rows) =>
        [.. Enumerable.Range(0, headers.Count).Where(i => i == headers.Count - 1 || rows.Any(r => r[i].Contains(' ', StringComparison.Ordinal)))];

    /// <summary>Whether the whole ids, statuses and figures, with the text columns at their narrowest, fit in <paramref name="width"/>.</summary>
    private static bool Fits(IReadOnlyList<string> headers, List<IReadOnlyList<string>> rows, HashSet<int> text, int width)
    {
        var needed = 0;
        for (var i = 0; i < headers.Count; i++)
        {
            var natural = Math.Max(headers[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length));
            needed += (text.Contains(i) ? Math.Min(natural, MinTextWidth) : natural) + (i < headers.Count - 1 ? Gap : 0);
        }
        return needed <= width;
    }

    private static Spectre.Console.Table Build(IReadOnlyList<string> headers, List<IReadOnlyList<string>> rows, Style headerStyle, Func<int, bool> wraps)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.None);
        for (var i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(new Text(headers[i], headerStyle)).Padding(0, 0, i < headers.Count - 1 ? Gap : 0, 0);
            var index = i;
            // The first column starts each line, so that `cut` and `awk` find it; the figures after it line up on the right.
            if (i > 0 && rows.Count > 0 && rows.All(r => r[index].Length == 0 || Figure().IsMatch(r[index])))
            {
                column.RightAligned();
            }
            if (!wraps(i))
            {
                column.NoWrap();
            }
            table.AddColumn(column);
        }
        return table;
    }

    /// <summary>Renders the table as plain text as wide as it needs, then writes its lines without the padding Spectre adds to each.</summary>
    private static void WritePlain(TextWriter output, IReadOnlyList<string> headers, List<IReadOnlyList<string>> rows, bool fullLastColumn)
    {
        var table = Build(headers, rows, Style.Plain, _ => false);
        foreach (var row in rows)
        {
            table.AddRow(row.Select((cell, i) =>
                new Text(cell.Length > MaxWidth && !(fullLastColumn && i == row.Count - 1) ? cell[..(MaxWidth - 1)] + "…" : cell)));
        }
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
