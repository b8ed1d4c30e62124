using System.CommandLine;
using Orchestration.Cli;

return await CliApp.RunAsync(args, new InvocationConfiguration());
