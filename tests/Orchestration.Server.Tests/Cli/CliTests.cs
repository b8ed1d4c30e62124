using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Cli;

/// <summary>The `orch` client commands against the real server.</summary>
[Collection(nameof(CliTests))]
public sealed class CliTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>, IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(app.BaseAddress, _home, args);

    [Fact]
    public async Task Login_then_create_list_show_and_delete_projects()
    {
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", "cli-password-123");
        var (exit, output, error) = await RunAsync("login", "--email", "cli@example.com", "--register");
        Assert.True(exit == 0, error);
        Assert.Contains("Signed in", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_home, "credentials.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_home, "credentials.json")));
        }

        var created = await RunAsync("project", "create", "--name", "from-cli", "--requirements", "Say hello.", "--rigor", "L1");
        Assert.Equal(0, created.Exit);
        var id = created.Output.Trim();
        Assert.Matches("^[0-9a-f]{32}$", id);

        var list = await RunAsync("project", "list");
        Assert.Contains("from-cli", list.Output, StringComparison.Ordinal);
        Assert.Contains("draft", list.Output, StringComparison.Ordinal);
        var show = await RunAsync("project", "show", id);
        Assert.Contains("Say hello.", show.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("project", "delete", id)).Exit);
        var missing = await RunAsync("project", "show", id);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("404", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_shows_a_user_how_full_the_caps_are_and_their_own_spend()
    {
        await app.CreateUserAsync(); // the first user of the installation is its admin
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", "cli-password-123");
        Assert.Equal(0, (await RunAsync("login", "--email", "cli-budget@example.com", "--register")).Exit);

        var (exit, output, error) = await RunAsync("budget");

        Assert.True(exit == 0, error);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, @"daily:    cap \$5\.0+, \d+(\.\d)?% used \((ok|warning|exhausted)\); you spent \$0\.0+\n"), output);
        Assert.Contains("calls in flight, yours", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_whose_models_are_real_gets_no_simulated_note()
    {
        await using var real = await OrchestrationApp.StartAsync(
            """{ "providers": { "default": "ollama" }, "ollama": { "hosts": { "local": "http://127.0.0.1:1" } } }""");
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", "cli-password-123");
        Assert.Equal(0, (await CliRunner.RunAsync(real.BaseAddress, _home, "login", "--email", "cli-real@example.com", "--register")).Exit);

        var budget = (await CliRunner.RunAsync(real.BaseAddress, _home, "budget")).Succeeded();

        Assert.Contains("daily:", budget.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("simulated", budget.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_session_commands_fail_with_a_hint_not_a_stack_trace()
    {
        var (exit, _, error) = await RunAsync("project", "list");
        Assert.Equal(1, exit);
        Assert.Contains("orch login", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_writes_a_config_that_the_server_accepts_and_never_overwrites()
    {
        Directory.CreateDirectory(_home);
        var path = Path.Combine(_home, "config.json");
        Assert.Equal(0, (await RunAsync("init", "--path", path)).Exit);
        var config = Orchestration.Core.Configuration.ConfigBinder.Bind(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), new System.Collections.Hashtable());
        Assert.Equal(64, config.Auth.SecretKey!.Length);
        Assert.Equal(1, (await RunAsync("init", "--path", path)).Exit);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ORCH_CONFIG_HOME", null);
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", null);
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
