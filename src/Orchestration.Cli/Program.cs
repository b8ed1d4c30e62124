using System.CommandLine;
using Orchestration.Cli;

var root = new RootCommand("Orchestration Engine: plan, approve and run AI task graphs with hard budgets.")
{
    ServeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
