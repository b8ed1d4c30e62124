using Orchestration.Core.Configuration;

namespace Orchestration.Bench;

/// <summary>The configuration of an in-process server for a bench: a fresh data directory, a free port, no rate limit
/// in the way, warnings only in the log.</summary>
internal static class BenchServerConfig
{
    /// <summary>A new configuration whose data lives in <paramref name="directory"/>.</summary>
    public static OrchestrationConfig In(string directory)
    {
        var config = new OrchestrationConfig();
        config.Server.Port = 0;
        config.Server.DataDir = directory;
        config.Server.RateLimit = "100000000/minute";
        config.Server.LogLevel = "WARNING";
        config.Database.Path = Path.Combine(directory, "bench.db");
        config.Execution.WorkspaceRoot = Path.Combine(directory, "workspaces");
        config.Auth.SecretKey = "bench-secret-0123456789abcdef0123456789abcdef";
        return config;
    }
}
