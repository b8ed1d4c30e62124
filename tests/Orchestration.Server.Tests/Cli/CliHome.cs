using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Cli;

/// <summary>A temporary CLI home holding a user's stored login, removed on dispose.</summary>
internal sealed class CliHome : IDisposable
{
    private CliHome(OrchestrationApp app, string path)
    {
        App = app;
        Path = path;
    }

    public OrchestrationApp App { get; }

    public string Path { get; }

    /// <summary>A home signed in as <paramref name="user"/> on <paramref name="app"/>.</summary>
    public static CliHome For(OrchestrationApp app, TestUser user)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        File.WriteAllText(System.IO.Path.Combine(path, "credentials.json"), JsonSerializer.Serialize(
            new Credentials(app.BaseAddress.ToString(), user.AccessToken, user.RefreshToken, user.Email), CliJson.Options));
        return new CliHome(app, path);
    }

    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(App.BaseAddress, Path, args);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
