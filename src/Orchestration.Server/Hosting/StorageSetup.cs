using Orchestration.Core.Configuration;
using Orchestration.Storage;
using Orchestration.Storage.Rag;

namespace Orchestration.Server.Hosting;

/// <summary>The host chooses where everything is kept; the engine only asks for the store interfaces.</summary>
public static class StorageSetup
{
    private const string DataDirToken = "<data_dir>";

    /// <summary>Registers the stores of <c>database.provider</c> (one case per backend) and the knowledge databases of
    /// <c>rag.databases</c>.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, OrchestrationConfig config)
    {
        switch (config.Database.Provider)
        {
            case DatabaseOptions.Sqlite:
                services.AddSqliteStorage(config.Database.Path);
                break;
            case DatabaseOptions.Postgres:
                services.AddPostgresStorage(config.Database.ConnectionString is { Length: > 0 } connectionString
                    ? connectionString
                    // Config validation refuses this at start too; a config object built in code meets it here.
                    : throw new ConfigException([$"'database.connection_string' is required when 'database.provider' is '{DatabaseOptions.Postgres}'."]));
                break;
            default:
                // Config validation refuses such a value at start; a config object built in code meets it here.
                throw new ConfigException([$"'database.provider' '{config.Database.Provider}' has no storage backend; use one of "
                    + $"{string.Join(", ", DatabaseOptions.Providers.Select(p => $"'{p}'"))}."]);
        }
        // The knowledge databases are SQLite files of their own, whatever holds the rest.
        services.AddRagStorage(RagPaths(config), Path.Combine(Path.GetFullPath(config.Server.DataDir), "rag", "index"));
        return services;
    }

    /// <summary>The knowledge database paths with &lt;data_dir&gt; resolved (the config loader does it too; hosts built
    /// from a config object directly may not have).</summary>
    private static Dictionary<string, string> RagPaths(OrchestrationConfig config) =>
        config.Rag.Databases.ToDictionary(
            d => d.Key,
            d => Path.GetFullPath(d.Value.Replace(DataDirToken, config.Server.DataDir, StringComparison.Ordinal)),
            StringComparer.Ordinal);
}
