using Orchestration.Cli.Commands;
using Spectre.Console.Testing;

namespace Orchestration.Server.Tests.Cli;

/// <summary>The tables every list command prints: plain lines when piped, fitted to the width on a terminal.</summary>
public sealed class CliTableTests
{
    private static readonly string[] Headers = ["ID", "STATUS", "COST", "MESSAGE"];

    private static readonly IReadOnlyList<string>[] Rows =
    [
        ["5f0c2a3e-8d1b-4c6f-9a7e-2b3c4d5e6f70", "completed", "$0.0012", "Wrote hello_world.py\nand RUN.md beside it, then checked that the greeting prints the date"],
        ["9a1b", "failed", "$12.5000", new string('x', 70)],
    ];

    [Fact]
    public void Piped_tables_are_one_line_per_row_with_figures_aligned_right_and_no_trailing_spaces()
    {
        using var output = new StringWriter();

        Table.Write(output, Headers, Rows);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^ID\s+STATUS\s+COST  MESSAGE$", lines[0]);
        Assert.Matches(@"^5f0c2a3e-8d1b-4c6f-9a7e-2b3c4d5e6f70  completed   \$0\.0012  Wrote hello_world\.py and RUN\.md", lines[1]);
        Assert.StartsWith("9a1b" + new string(' ', 34) + "failed     $12.5000  ", lines[2], StringComparison.Ordinal);
        // Cells are cut at 60 characters, unless the last column holds free text.
        Assert.EndsWith(new string('x', 59) + "…", lines[2], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(l.TrimEnd(), l));
        Assert.Equal(lines[0].IndexOf("MESSAGE", StringComparison.Ordinal), lines[1].IndexOf("Wrote", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_column_is_kept_whole_when_asked()
    {
        using var output = new StringWriter();

        Table.Write(output, Headers, Rows, fullLastColumn: true);

        Assert.EndsWith(new string('x', 70), output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[2], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_still_prints_its_headers()
    {
        using var output = new StringWriter();

        Table.Write(output, Headers, []);

        Assert.Equal("ID  STATUS  COST  MESSAGE" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void On_a_narrow_terminal_the_last_column_wraps_and_the_ids_stay_whole()
    {
        using var console = new TestConsole().Width(80);

        Table.Write(console, Headers, Rows);

        var lines = console.Lines.Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        Assert.StartsWith("5f0c2a3e-8d1b-4c6f-9a7e-2b3c4d5e6f70  completed", lines[1], StringComparison.Ordinal);
        var messageColumn = lines[0].IndexOf("MESSAGE", StringComparison.Ordinal);
        // The message goes on under its own column on the following line, not across the others.
        Assert.True(lines[2].Length > messageColumn && lines[2][..messageColumn].Trim().Length == 0, lines[2]);
        Assert.Contains("greeting", string.Join(" ", lines.Select(l => l.Length > messageColumn ? l[messageColumn..] : "")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_too_narrow_for_the_ids_gets_whole_lines_rather_than_a_broken_table()
    {
        using var console = new TestConsole().Width(50);

        Table.Write(console, Headers, Rows);

        var lines = console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^5f0c2a3e-8d1b-4c6f-9a7e-2b3c4d5e6f70  completed   \$0\.0012  Wrote hello_world\.py and RUN\.md", lines[1]);
    }
}
