using System.Diagnostics;
using Orchestration.Core.Configuration;
using Orchestration.Server.Hosting;

namespace Orchestration.Server.Tests.Hosting;

/// <summary>A database provider without a storage backend, or PostgreSQL without a connection string, stops the server at
/// start with a message that says how to fix it.</summary>
public sealed class DatabaseProviderTests : IDisposable
{
    private const string Refusal = "'database.provider' must be one of the storage backends there are: 'sqlite', 'postgres' (got 'mysql').";

    private readonly string _directory = Directory.CreateTempSubdirectory("orch-provider-").FullName;

    [Fact]
    public async Task Orch_serve_with_an_unknown_provider_exits_with_the_message_and_serves_nothing()
    {
        var (exitCode, output, error, dataDir) = await ServeAsync("""{ "database": { "provider": "mysql" } }""");

        Assert.Equal(2, exitCode);
        Assert.Contains(Refusal, error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDir, "orchestration.db")));
    }

    [Fact]
    public async Task Orch_serve_on_postgres_without_a_connection_string_exits_saying_which_key_to_set()
    {
        var (exitCode, output, error, _) = await ServeAsync("""{ "database": { "provider": "postgres" } }""");

        Assert.Equal(2, exitCode);
        Assert.Contains("'database.connection_string' is required when 'database.provider' is 'postgres'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error, string DataDir)> ServeAsync(string configJson)
    {
        var config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(config, configJson, TestContext.Current.CancellationToken);
        var dataDir = Path.Combine(_directory, "data");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "orch.dll"), "serve", "--port", "0", "--config", config, "--data-dir", dataDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ORCH_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        return (process.ExitCode, await output, await error, dataDir);
    }

    [Fact]
    public async Task A_host_built_from_a_config_object_refuses_a_provider_without_a_backend()
    {
        var config = new OrchestrationConfig();
        config.Server.Port = 0;
        config.Server.DataDir = _directory;
        config.Database.Provider = "mysql";
        config.Database.Path = Path.Combine(_directory, "orchestration.db");
        config.Auth.SecretKey = "test-secret-0123456789abcdef0123456789abcdef";

        var ex = await Assert.ThrowsAsync<ConfigException>(() => ServerHost.CreateAsync(config, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("'database.provider' 'mysql' has no storage backend", Assert.Single(ex.Errors), StringComparison.Ordinal);
        Assert.False(File.Exists(config.Database.Path));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
