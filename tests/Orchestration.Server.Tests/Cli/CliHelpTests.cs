using System.CommandLine;
using Orchestration.Cli;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`--help` on every command ends with an example; the `[suggest]` directive that shell completion uses answers.</summary>
[Collection(nameof(CliTests))]
public sealed class CliHelpTests(CliRunFixture run)
{
    [Fact]
    public async Task Every_command_has_help_that_ends_with_an_example_of_itself()
    {
        var paths = Walk(CliApp.Build(), []).ToList();
        Assert.Contains(["do"], paths);
        foreach (var path in paths)
        {
            var help = await CliRunner.RunWithoutServerAsync(run.Home, [.. path, "--help"]);
            Assert.True(help.Exit == 0, $"orch {string.Join(' ', path)} --help: exit {help.Exit}: {help.Error}");
            var examples = help.Output.TrimEnd().Split('\n').SkipWhile(l => l != "Examples:").Skip(1).ToList();
            Assert.True(examples.Count > 0, $"orch {string.Join(' ', path)} --help has no examples");
            Assert.All(examples, e => Assert.StartsWith(string.Join(' ', ["  orch", .. path]), e.Replace("ORCH_PASSWORD=password123 ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_suggest_directive_completes_commands()
    {
        var suggestions = await CliRunner.RunWithoutServerAsync(run.Home, "[suggest:13]", "checkpoint re");
        Assert.Equal(0, suggestions.Exit);
        Assert.Equal("resolve", suggestions.Output.Trim());
    }

    private static IEnumerable<string[]> Walk(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            string[] here = [.. path, sub.Name];
            yield return here;
            foreach (var deeper in Walk(sub, here))
            {
                yield return deeper;
            }
        }
    }
}
