using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Orchestration.Cli;

/// <summary>
/// `--help` ends with examples: hand-written ones for the commands people start with, and for every other command one
/// built from its arguments, so no help page is without one.
/// </summary>
internal sealed class HelpExamples(HelpAction help) : SynchronousCommandLineAction
{
    private static readonly Dictionary<string, string[]> Written = new()
    {
        ["orch"] = ["orch do \"Write a CLI that converts CSV to JSON\"", "orch project list", "orch run <project-id>"],
        ["orch do"] =
        [
            "orch do \"Write a CLI that converts CSV to JSON\"",
            "orch do \"Write a CLI that converts CSV to JSON\" --yes --json --rigor L2 --budget 2.50",
        ],
        ["orch serve"] = ["orch serve --port 5200 --data-dir ./data"],
        ["orch login"] = ["ORCH_PASSWORD=password123 orch login --email me@example.com --register", "orch login --provider corp"],
        ["orch identity link"] = ["orch identity link corp --no-browser"],
        ["orch project create"] = ["orch project create --name hello --requirements-file requirements.md --rigor L2"],
        ["orch plan"] = ["orch plan <project-id>", "orch plan diff <project-id> 1 2"],
        ["orch approve"] = ["orch approve <project-id>", "orch approve <project-id> --plan <plan-id> --force"],
        ["orch run"] = ["orch run <project-id>", "orch run <project-id> --plain > run.log"],
        ["orch watch"] = ["orch watch <project-id>"],
        ["orch review"] = ["orch review <task-id> approve", "orch review <task-id> retry --feedback \"Use a darker palette.\""],
        ["orch checkpoint resolve"] = ["orch checkpoint resolve <checkpoint-id> retry --guidance \"The host is staging-2.\""],
        ["orch plan edit"] = ["orch plan edit <project-id>", "orch plan edit <project-id> --plan 2"],
        ["orch project export"] = ["orch project export <project-id> -o hello.json && orch project import hello.json"],
        ["orch task edit"] = ["orch task edit <task-id> --tier haiku --priority 10"],
        ["orch tasks retry"] = ["orch tasks retry <task-id> <task-id> --json"],
        ["orch keys create"] = ["orch keys create \"ci runner\""],
        ["orch rag ingest"] = ["orch rag ingest docs ./handbook --glob '**/*.md'", "orch rag ingest docs ./handbook --prune"],
        ["orch rag search"] = ["orch rag search docs \"how are budgets reserved\" --mode hybrid --top-k 5"],
        ["orch admin role"] = ["orch admin role someone@example.com admin"],
        ["orch admin analytics"] = ["orch admin analytics cost-breakdown --days 7 --json"],
    };

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var exit = help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        foreach (var example in For(parseResult.CommandResult))
        {
            output.WriteLine("  " + example);
        }
        output.WriteLine();
        return exit;
    }

    /// <summary>Puts the examples under every command's --help.</summary>
    public static void AddTo(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction help)
            {
                option.Action = new HelpExamples(help);
            }
        }
    }

    private static IEnumerable<string> For(System.CommandLine.Parsing.CommandResult result)
    {
        var path = UsageError.CommandPath(result);
        if (Written.TryGetValue(path, out var examples))
        {
            return examples;
        }
        var command = result.Command;
        var arguments = string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => $" <{a.Name}>"));
        return command.Subcommands.Count > 0 && command.Arguments.Count == 0
            ? command.Subcommands.Where(c => !c.Hidden).Take(3).Select(c => $"{path} {c.Name}{string.Concat(c.Arguments.Select(a => $" <{a.Name}>"))}")
            : [path + arguments];
    }
}
