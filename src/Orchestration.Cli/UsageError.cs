using System.CommandLine;

namespace Orchestration.Cli;

/// <summary>
/// A command line that does not parse, said in one line: the parser's first error and, for a mistyped word, the
/// command or option it most likely meant; then where the help is. The help itself is not printed: it would bury the
/// suggestion.
/// </summary>
internal static class UsageError
{
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        // The parser also reports what the mistyped word left missing ("Required command was not provided"); the
        // mistyped word is the cause, so its error comes first.
        var first = parse.Errors.Select(e => e.Message)
            .OrderBy(m => parse.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal)) ? 0 : 1).First();
        var suggestion = parse.UnmatchedTokens.Select(token => Closest(token, Candidates(parse))).FirstOrDefault(s => s is not null);
        var path = CommandPath(parse.CommandResult);
        return $"error: {first}{(suggestion is null ? "" : $" Did you mean '{suggestion}'?")}{Environment.NewLine}"
               + $"See `{path} --help` for the {(command is RootCommand ? "commands" : "arguments and options")}.";
    }

    /// <summary>The command as typed, e.g. "orch checkpoint resolve".</summary>
    public static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Insert(0, c.Command is RootCommand ? "orch" : c.Command.Name);
            }
        }
        return string.Join(' ', names);
    }

    private static IEnumerable<string> Candidates(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            yield return sub.Name;
        }
        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            yield return option.Name;
        }
        foreach (var option in parse.RootCommandResult.Command.Options.Where(o => o.Recursive && !o.Hidden))
        {
            yield return option.Name;
        }
    }

    /// <summary>The candidate nearest to the token (edit distance at most a third of its length, or a prefix match).</summary>
    private static string? Closest(string token, IEnumerable<string> candidates) => candidates
        .Select(c => (Name: c, Distance: c.StartsWith(token, StringComparison.Ordinal) && token.TrimStart('-').Length >= 2 ? 0 : Distance(token, c)))
        .Where(c => c.Distance <= Math.Max(1, token.Length / 3))
        .OrderBy(c => c.Distance)
        .Select(c => c.Name)
        .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
