using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Orchestration.Server.Tests.Execution;

/// <summary>A real `orch serve` child process (the orch.dll next to the tests) on a given config, for crash tests.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string configPath, string dataDir)
    {
        var orch = Path.Combine(AppContext.BaseDirectory, "orch.dll");
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

    public string Output { get; private set; } = "";

    public static async Task<(ServerProcess Server, Uri Address)> StartAsync(string configPath, string dataDir)
    {
        var server = new ServerProcess(configPath, dataDir);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var address = await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return (server, address);
    }

    /// <summary>kill -9: no shutdown hook, no drain, nothing flushed beyond what was committed.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (this)
        {
            Output += line + "\n";
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
