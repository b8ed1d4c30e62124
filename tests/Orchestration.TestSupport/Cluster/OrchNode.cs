using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestration.TestSupport.Cluster;

/// <summary>A real `orch serve` child process (the orch.dll beside the running assembly) on a config file and a data
/// directory of its own: one node of a cluster, or a server to kill and restart.</summary>
public sealed partial class OrchNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _output = new();

    private OrchNode(string configPath, string dataDir, string? orchDirectory)
    {
        var orch = Path.Combine(orchDirectory ?? AppContext.BaseDirectory, "orch.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { orch, "serve", "--port", "0", "--config", configPath, "--data-dir", dataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        start.Environment.Remove("ORCH_CONFIG");
        start.Environment.Remove("ANTHROPIC_API_KEY");
        // The test run's own settings (ORCH_TEST_BACKEND, ORCH_TEST_POSTGRES) are not the server's config keys.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ORCH_TEST_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The server exited before listening:\n" + Output));
    }

    public Uri Address { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>When the server started (its process), for start-up timings.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <param name="orchDirectory">Where orch.dll is (a published build); the running assembly's folder by default.</param>
    public static async Task<OrchNode> StartAsync(string configPath, string dataDir, CancellationToken cancellationToken, string? orchDirectory = null)
    {
        Directory.CreateDirectory(dataDir);
        var node = new OrchNode(configPath, dataDir, orchDirectory);
        node.StartedAt = DateTimeOffset.UtcNow;
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        node.Address = await node._listening.Task.WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
        return node;
    }

    /// <summary>kill -9: no shutdown hook, no drain, nothing flushed beyond what was committed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"listening on (http://[^\s;]+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
