using System.CommandLine;
using Orchestration.Cli;

// NOTE: no termination timeout: Ctrl-C while following a run on a terminal asks whether to pause or cancel it (CtrlC);
// elsewhere Ctrl-C ends the process as usual (exit 130), and `orch serve` shuts down gracefully through its host.
return await CliApp.RunAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null });
