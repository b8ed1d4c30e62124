using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestration.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder: initdb, then pg_ctl on a free 127.0.0.1 port with its unix socket in
/// the same folder, no durability (fsync off: a test database never outlives the run); stopped and deleted by
/// <see cref="Stop"/>. Root cannot run PostgreSQL, so as root every program runs as the postgres system user (created by
/// Debian's postgresql package, which is installed with apt-get when initdb is missing).
/// </summary>
internal sealed class PostgresCluster
{
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _root;
    private int _stopped;

    private PostgresCluster(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A superuser connection (trust authentication, 127.0.0.1 only) to the cluster's postgres database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken)
    {
        var bin = FindPrograms() ?? await InstallAsync(cancellationToken);
        var runAs = Environment.IsPrivilegedProcess ? ServiceUser : null;
        var root = runAs is null
            ? Directory.CreateTempSubdirectory("orch-pg-").FullName
            // Made by the service user, so the folder (and the data and socket in it) belongs to the server.
            : (await RunAsync(runAs, "/tmp", "mktemp", ["-d", Path.Combine(Path.GetTempPath(), "orch-pg-XXXXXX")], cancellationToken)).Trim();
        var data = Path.Combine(root, "data");
        try
        {
            await RunAsync(runAs, root, Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"], cancellationToken);
            // The free port is found by binding port 0 and letting it go; another process may take it meanwhile, so a
            // start that cannot bind tries the next one.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off " +
                              "-c full_page_writes=off -c max_connections=200";
                try
                {
                    await RunAsync(runAs, root, Path.Combine(bin, "pg_ctl"),
                        ["start", "-w", "-t", "60", "-D", data, "-l", Path.Combine(root, "server.log"), "-o", options], cancellationToken);
                    var cluster = new PostgresCluster(bin, root, port);
                    // Should the run end without disposing its fixtures (killed by a signal the runtime handles), the
                    // server still goes.
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < 5 && LogSays(root, "could not bind"))
                {
                }
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the server at once (nothing in it is kept) and deletes its folder; safe to call twice.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        try
        {
            RunAsync(Environment.IsPrivilegedProcess ? ServiceUser : null, _root, Path.Combine(_bin, "pg_ctl"),
                ["stop", "-w", "-m", "immediate", "-D", Path.Combine(_root, "data")], CancellationToken.None).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // Debian keeps each major version's programs under /usr/lib/postgresql/<version>/bin (the newest wins); other
    // systems put them on PATH.
    private static string? FindPrograms()
    {
        const string debian = "/usr/lib/postgresql";
        var versions = Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
                .OrderByDescending(x => x.Version).Select(x => x.Dir)
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return versions.Concat(path).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed: install it as root (apt-get install -y postgresql), or set {PostgresServer.ConnectionVariable} " +
                "to the connection string of a server where the user may CREATE DATABASE.");
        }
        await RunAsync(null, "/", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql"], cancellationToken);
        return FindPrograms() ?? throw new InvalidOperationException("apt-get installed postgresql, but initdb is still missing.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool LogSays(string root, string text)
    {
        var log = Path.Combine(root, "server.log");
        return File.Exists(log) && File.ReadAllText(log).Contains(text, StringComparison.Ordinal);
    }

    /// <summary>Runs a program (as <paramref name="user"/> through runuser, when given) and returns its output; throws
    /// with the output when it fails.</summary>
    private static async Task<string> RunAsync(string? user, string workingDirectory, string program, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(user is null ? program : "runuser")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var argument in new[] { "-u", user, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
        }
        return await output;
    }
}
