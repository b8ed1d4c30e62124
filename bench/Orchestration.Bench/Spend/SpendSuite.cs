namespace Orchestration.Bench.Spend;

/// <summary>
/// The fixed plans of the spend benchmark: requirement sets the simulated planner turns into plans of mixed task types
/// (its type comes from each requirement's wording, its complexity from its length) with a review and a summary task.
/// Plan i takes 3 to 7 requirements from the list below, starting at a different place each time, so every type and
/// complexity is in the suite many times over.
/// </summary>
internal static class SpendSuite
{
    private static readonly string[] Requirements =
    [
        "Write parse_csv.py that reads a CSV file.",
        "Write a command-line tool convert.py that reads CSV files from a folder, validates every row against a schema of column types, reports the rows that fail with their line numbers, and writes the valid rows as JSON lines to an output file named after the input.",
        "Document the command-line options in README.md.",
        "Document the whole data format in docs/format.md: every column, its type, the allowed values, what happens to empty cells, how dates and time zones are written, and three worked examples from raw row to JSON line.",
        "Research how other tools detect CSV dialects.",
        "Research the trade-offs between streaming and loading whole files for inputs between one megabyte and ten gigabytes, covering memory, speed, error reporting and what the standard libraries of three languages offer.",
        "Analyze the sample files for malformed rows.",
        "Analyze the error reports of the last month: group them by cause, estimate how many rows each cause affected, and recommend which three fixes would remove most of the failures with the least work.",
        "Integrate the converter with the storage upload API.",
        "Integrate the converter with the nightly job scheduler so that each new file in the drop folder is converted, uploaded, retried twice on failure with a backoff, and reported to the team channel when it finally fails.",
        "Write tests for the row validator.",
        "Write a benchmark script bench.py that converts generated files of one thousand, one million and ten million rows, records the time and peak memory of each, and prints a table comparing them with the previous release.",
    ];

    public const int DefaultPlans = 24;

    public static IReadOnlyList<string> Plans(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var size = 3 + i % 5;
            var start = i * 5 % Requirements.Length;
            return string.Join("\n\n", Enumerable.Range(0, size).Select(k => Requirements[(start + k * 7) % Requirements.Length]));
        }).ToList();
}
