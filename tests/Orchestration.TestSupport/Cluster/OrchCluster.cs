using System.Text.Json.Nodes;

namespace Orchestration.TestSupport.Cluster;

/// <summary>Several `orch serve` processes on one PostgreSQL database, each with its own data directory and the same
/// config (the same signing secret, so a token from one node is good on all).</summary>
public sealed class OrchCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<OrchNode> _nodes = [];

    private OrchCluster(string directory) => _directory = directory;

    public IReadOnlyList<OrchNode> Nodes => _nodes;

    /// <summary>Node <paramref name="index"/>'s data directory (its SQLite file, when it has one, is orchestration.db there).</summary>
    public string DataDir(int index) => Path.Combine(_directory, $"node-{index}");

    public string ConfigPath => Path.Combine(_directory, "config.json");

    /// <summary>Starts <paramref name="count"/> nodes at once (they migrate the database once between them).</summary>
    /// <param name="connectionString">The PostgreSQL database; null for one server on its own SQLite file.</param>
    /// <param name="settings">config.json sections; database, auth.secret_key and a generous rate limit are filled in.</param>
    public static async Task<OrchCluster> StartAsync(string? connectionString, int count, JsonObject settings, CancellationToken cancellationToken)
    {
        var cluster = new OrchCluster(Path.Combine(Path.GetTempPath(), "orch-cluster", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(cluster._directory);
        settings = (JsonObject)settings.DeepClone();
        if (connectionString is not null)
        {
            settings["database"] = new JsonObject { ["provider"] = "postgres", ["connection_string"] = connectionString };
        }
        else if (count > 1)
        {
            throw new ArgumentException("A SQLite file has one server.", nameof(count));
        }
        var auth = settings["auth"] as JsonObject ?? new JsonObject();
        auth["secret_key"] ??= "cluster-test-secret-0123456789abcdef0123456789";
        settings["auth"] = auth;
        var server = settings["server"] as JsonObject ?? new JsonObject();
        server["rate_limit"] ??= "1000000/minute";
        settings["server"] = server;
        await File.WriteAllTextAsync(cluster.ConfigPath, settings.ToJsonString(), cancellationToken);
        try
        {
            await cluster.AddNodesAsync(count, cancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts more nodes on the same config.</summary>
    public async Task AddNodesAsync(int count, CancellationToken cancellationToken)
    {
        var first = _nodes.Count;
        var started = await Task.WhenAll(Enumerable.Range(first, count).Select(i =>
            OrchNode.StartAsync(ConfigPath, DataDir(i), cancellationToken)));
        _nodes.AddRange(started);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
