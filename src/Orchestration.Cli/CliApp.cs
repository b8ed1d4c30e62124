using System.CommandLine;
using Orchestration.Cli.Commands;

namespace Orchestration.Cli;

/// <summary>The `orch` command tree.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Orchestration Engine: plan, approve and run AI task graphs with hard budgets.")
        {
            ServeCommand.Create(),
            InitCommand.Create(),
            AccountCommands.Login(),
            ProjectCommands.Create(),
            ReplanCommands.Replan(),
            AccountCommands.Budget(),
            KnowledgeCommands.Create(),
            EventCommands.Create(),
            NotificationCommands.Create(),
            CostCommands.Create(),
        };
        foreach (var command in RunCommands.Create().Concat(TaskCommands.Create()).Concat(CheckpointCommands.Create()))
        {
            root.Subcommands.Add(command);
        }
        root.Options.Add(ClientCommand.Server);
        return root;
    }
}
