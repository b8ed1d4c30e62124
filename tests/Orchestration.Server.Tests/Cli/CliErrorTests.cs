using System.Collections;
using System.Net;
using System.Net.Sockets;

namespace Orchestration.Server.Tests.Cli;

/// <summary>Exit codes and one-line errors: usage errors (2) with the meant word first, failures (1) without stack traces.</summary>
[Collection(nameof(CliTests))]
public sealed class CliErrorTests(CliRunFixture run) : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_mistyped_command_exits_2_with_the_suggestion_on_the_first_line()
    {
        var result = await run.RunAsync("porject", "list");

        Assert.Equal(2, result.Exit);
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("'porject'", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Did you mean 'project'?", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Equal("See `orch --help` for the commands.", lines[1]);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_mistyped_option_or_a_missing_argument_exits_2_naming_the_command()
    {
        var option = await run.RunAsync("project", "create", "--nmae", "x", "--requirements", "Say hello.");
        Assert.Equal(2, option.Exit);
        Assert.Matches("^error: .*'--nmae'.* Did you mean '--name'\\?\n", option.Error);
        Assert.Contains("See `orch project create --help`", option.Error, StringComparison.Ordinal);

        var missing = await run.RunAsync("project", "show");
        Assert.Equal(2, missing.Exit);
        Assert.Matches("^error: .*project-id", missing.Error);

        var badChoice = await run.RunAsync("review", run.TaskFor("R1"), "reject");
        Assert.Equal(2, badChoice.Exit);
        Assert.Contains("reject", badChoice.Error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_success_not_a_usage_error()
    {
        var help = await run.RunAsync("project", "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("create", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_requirements_file_is_one_line_naming_the_file()
    {
        var missing = Path.Combine(_home, "requirements.md");
        (await run.RunAsync("project", "create", "--name", "x", "--requirements-file", missing)).Failed(missing);
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line_with_what_to_do()
    {
        var port = FreePort();
        (await CliRunner.RunWithoutServerAsync(run.Home, "project", "list", "--server", $"http://127.0.0.1:{port}"))
            .Failed($"Cannot reach the server at http://127.0.0.1:{port}", "orch serve");
    }

    [Fact]
    public async Task A_wrong_password_at_login_says_so_without_sending_the_user_back_to_login()
    {
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", "not-" + run.User.Password);
        try
        {
            var result = (await CliRunner.RunAsync(run.App.BaseAddress, _home, "login", "--email", run.User.Email)).Failed("401");
            Assert.DoesNotContain("orch login", result.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_home, "credentials.json")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORCH_PASSWORD", null);
        }
    }

    [Fact]
    public async Task Serve_on_a_taken_port_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        // NOTE: the server reads every ORCH_* variable as a config key, and the test run's own settings (ORCH_TEST_*) are some.
        var settings = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => ((string)e.Key).StartsWith("ORCH_TEST_", StringComparison.Ordinal)).ToList();
        settings.ForEach(e => Environment.SetEnvironmentVariable((string)e.Key, null));
        CliResult result;
        try
        {
            result = await CliRunner.RunWithoutServerAsync(_home,
                "serve", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", Path.Combine(_home, "data"));
        }
        finally
        {
            settings.ForEach(e => Environment.SetEnvironmentVariable((string)e.Key, (string?)e.Value));
        }

        result.Failed(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
