using Orchestration.Core.Configuration;
using Orchestration.Server.Hosting;

try
{
    var config = ConfigLoader.Load(new ServeOverrides());
    await using var app = await ServerHost.CreateAsync(config, args);
    await app.RunAsync();
}
catch (ConfigException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
return 0;

/// <summary>The server's entry point (also reachable as `orch serve`).</summary>
public partial class Program;
