using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestration.TestSupport.Cluster;

namespace Orchestration.Bench.Footprint;

/// <summary>
/// The server's footprint, from a published build (--orch DIR holding orch.dll; without it the CLI is published to a
/// temporary folder first): cold start to the first 200 from /healthz (median of --starts runs, 5), and resident memory
/// (VmRSS) once idle after the start and after a web UI visit (the page, sign-in, services, projects, usage). Targets:
/// cold start &lt; 1 s, idle RSS &lt; 100 MB.
/// </summary>
public static class FootprintBench
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var orch = args.Get("orch") ?? await PublishAsync();
        var starts = new List<double>();
        double idle = 0, visited = 0;
        for (var run = 0; run < args.GetInt("starts", 5); run++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "orch-footprint", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var config = Path.Combine(directory, "config.json");
            await File.WriteAllTextAsync(config, """{ "server": { "rate_limit": "100000/minute" }, "auth": { "secret_key": "footprint-secret-0123456789abcdef0123456789" } }""");
            try
            {
                await using var node = await OrchNode.StartAsync(config, Path.Combine(directory, "data"), CancellationToken.None, orch);
                using var http = new HttpClient { BaseAddress = node.Address };
                while (!(await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    await Task.Delay(5);
                }
                starts.Add((DateTimeOffset.UtcNow - node.StartedAt).TotalSeconds);
                if (run > 0)
                {
                    continue;
                }
                await Task.Delay(TimeSpan.FromSeconds(3));
                idle = RssMb(node.ProcessId);
                await VisitAsync(http);
                await Task.Delay(TimeSpan.FromSeconds(3));
                visited = RssMb(node.ProcessId);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        starts.Sort();
        return
        [
            new BenchResult("cold_start_to_healthz_s", Math.Round(starts[starts.Count / 2], 2), "s (median; target < 1)"),
            new BenchResult("idle_rss_after_start_mb", Math.Round(idle, 1), "MB (target < 100)"),
            new BenchResult("idle_rss_after_ui_visit_mb", Math.Round(visited, 1), "MB (target < 100)"),
        ];
    }

    /// <summary>What the web UI asks for when a person opens it and looks around.</summary>
    private static async Task VisitAsync(HttpClient http)
    {
        await http.GetStringAsync("/");
        var credentials = new { email = "visit@example.com", password = "correct-horse-battery", display_name = "" };
        (await http.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        var login = JsonDocument.Parse(await (await http.PostAsJsonAsync("/api/auth/login", credentials)).Content.ReadAsStringAsync()).RootElement;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("access_token").GetString());
        foreach (var path in new[] { "/api/auth/me", "/api/services", "/api/projects", "/api/usage/summary", "/api/usage/budget", "/api/usage/daily", "/api/rag/databases" })
        {
            (await http.GetAsync(path)).EnsureSuccessStatusCode();
        }
    }

    private static double RssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), "orch-footprint-publish");
        var root = Directory.GetCurrentDirectory();
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "src", "Orchestration.Cli"), "-c", "Release", "-o", output])
        {
            RedirectStandardOutput = true,
        })!;
        await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish of src/Orchestration.Cli failed; run from the repository's root, or pass --orch DIR.");
        }
        return output;
    }
}
