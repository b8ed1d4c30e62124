using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Orchestration.Cli.Commands;

/// <summary>`orch init`: writes a starter config.json with a fresh secret key, refusing to overwrite one.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var path = new Option<FileInfo>("--path") { Description = "Where to write the config.", DefaultValueFactory = _ => new FileInfo("config.json") };
        var command = new Command("init", "Write a starter config.json (with a generated auth secret) in the current directory.") { path };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(path)!;
            if (file.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {file.FullName} already exists; not overwriting it.");
                return 1;
            }
            var config = new JsonObject
            {
                ["_comment"] = "See config.example.json for every key and its default.",
                ["server"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = 5200, ["data_dir"] = "./data" },
                ["anthropic"] = new JsonObject { ["_api_key"] = "or set ANTHROPIC_API_KEY; without a key the labelled simulated provider answers" },
                ["budget"] = new JsonObject { ["daily_limit_usd"] = 5.0, ["monthly_limit_usd"] = 50.0, ["per_project_limit_usd"] = 10.0 },
                ["auth"] = new JsonObject { ["secret_key"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) },
            };
            await File.WriteAllTextAsync(file.FullName, config.ToJsonString(new() { WriteIndented = true }) + "\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote {file.FullName}");
            return 0;
        });
        return command;
    }
}
