using System.Security.Cryptography;
using Orchestration.Core.Configuration;

namespace Orchestration.Server.Hosting;

/// <summary>
/// Reads config.json (--config, else ORCH_CONFIG, else ./config.json; absent means defaults), applies the environment
/// and command-line overrides, resolves &lt;data_dir&gt; in paths and provides the signing secret.
/// </summary>
public static class ConfigLoader
{
    private const string DataDirToken = "<data_dir>";

    public static OrchestrationConfig Load(ServeOverrides overrides)
    {
        var environment = Environment.GetEnvironmentVariables();
        var explicitPath = overrides.ConfigPath ?? Environment.GetEnvironmentVariable("ORCH_CONFIG");
        var path = explicitPath ?? "config.json";
        string? json = null;
        if (File.Exists(path))
        {
            json = File.ReadAllText(path);
        }
        else if (explicitPath is not null)
        {
            throw new ConfigException([$"The config file '{Path.GetFullPath(path)}' does not exist. Pass an existing file with --config, or none for defaults."]);
        }

        var config = ConfigBinder.Bind(json, environment);
        if (overrides.Host is not null)
        {
            config.Server.Host = overrides.Host;
        }
        if (overrides.Port is not null)
        {
            config.Server.Port = overrides.Port.Value;
        }
        if (overrides.DataDir is not null)
        {
            config.Server.DataDir = overrides.DataDir;
        }
        ResolvePaths(config);
        config.Auth.SecretKey ??= LoadOrCreateSecret(config.Server.DataDir);
        return config;
    }

    private static void ResolvePaths(OrchestrationConfig config)
    {
        var dataDir = Path.GetFullPath(config.Server.DataDir);
        config.Server.DataDir = dataDir;
        string Resolve(string value) => Path.GetFullPath(value.Replace(DataDirToken, dataDir, StringComparison.Ordinal));
        config.Database.Path = Resolve(config.Database.Path);
        config.Execution.WorkspaceRoot = Resolve(config.Execution.WorkspaceRoot);
        foreach (var name in config.Rag.Databases.Keys.ToList())
        {
            config.Rag.Databases[name] = Resolve(config.Rag.Databases[name]);
        }
    }

    /// <summary>A missing secret is generated once (256 bits) and kept beside the database, readable by the owner only.</summary>
    private static string LoadOrCreateSecret(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var file = Path.Combine(dataDir, "secret.key");
        if (File.Exists(file))
        {
            var existing = File.ReadAllText(file).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }
        }
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(file, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }
}
