namespace Orchestration.Server.Tests.Cli;

/// <summary>What one `orch` invocation returned and printed.</summary>
internal sealed record CliResult(int Exit, string Output, string Error)
{
    /// <summary>The output's lines after the table header.</summary>
    public IReadOnlyList<string> Rows => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

    /// <summary>Asserts success, showing the error stream when it failed.</summary>
    public CliResult Succeeded()
    {
        Assert.True(Exit == 0, $"exit {Exit}: {Error}");
        return this;
    }

    /// <summary>Asserts a one-line failure (exit 1, no stack trace) whose message contains every fragment.</summary>
    public CliResult Failed(params string[] fragments)
    {
        Assert.True(Exit == 1, $"exit {Exit}: {Output}");
        Assert.StartsWith("error: ", Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, Error, StringComparison.Ordinal);
        }
        return this;
    }
}
