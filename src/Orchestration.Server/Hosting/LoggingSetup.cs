using Orchestration.Core.Configuration;

namespace Orchestration.Server.Hosting;

internal static class LoggingSetup
{
    public static void ConfigureLogging(this WebApplicationBuilder builder, ServerOptions server)
    {
        builder.Logging.ClearProviders();
        if (server.LogFormat == "json")
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        builder.Logging.SetMinimumLevel(server.LogLevel.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "CRITICAL" => LogLevel.Critical,
            _ => LogLevel.Information,
        });
        // Request-level framework logs are noise at Information.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // Keys live in the data directory, readable by the server's user only; the "no XML encryptor" warning is expected.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    }
}
