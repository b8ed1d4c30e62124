using System.Text.Json;

namespace Orchestration.Cli.Client;

/// <summary>
/// Where the CLI keeps its session: ~/.config/orch/credentials.json (mode 600). ORCH_SERVER and ORCH_TOKEN (an access
/// token or an `orch_` API key) override it, so scripts need no file.
/// </summary>
internal sealed record Credentials(string Server, string? AccessToken, string? RefreshToken, string? Email)
{
    public const string DefaultServer = "http://127.0.0.1:5200";

    private static string FilePath => Path.Combine(
        Environment.GetEnvironmentVariable("ORCH_CONFIG_HOME")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "orch"),
        "credentials.json");

    public static Credentials Load(string? serverOverride = null)
    {
        Credentials stored = new(DefaultServer, null, null, null);
        if (File.Exists(FilePath))
        {
            stored = JsonSerializer.Deserialize<Credentials>(File.ReadAllText(FilePath), CliJson.Options) ?? stored;
        }
        var server = serverOverride ?? Environment.GetEnvironmentVariable("ORCH_SERVER") ?? stored.Server;
        var token = Environment.GetEnvironmentVariable("ORCH_TOKEN");
        return token is not null ? new Credentials(server, token, null, null) : stored with { Server = server };
    }

    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, JsonSerializer.Serialize(this, CliJson.Options));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
