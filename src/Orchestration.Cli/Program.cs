using Orchestration.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
