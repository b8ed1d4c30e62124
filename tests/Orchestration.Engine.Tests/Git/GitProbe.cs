using System.Diagnostics;

namespace Orchestration.Engine.Tests.Git;

/// <summary>The real git, run by the tests to set up and inspect repositories (no global config, as the engine runs it).</summary>
internal static class GitProbe
{
    public static string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.com", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result.TrimEnd('\n')
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error}");
    }

    public static string[] Lines(string directory, params string[] arguments) =>
        Run(directory, arguments).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A repository on branch main with one commit (README.md), as a user's existing project would be.</summary>
    public static string InitWithCommit(string directory)
    {
        Directory.CreateDirectory(directory);
        Run(directory, "init", "--quiet", "--initial-branch=main");
        File.WriteAllText(Path.Combine(directory, "README.md"), "# Existing project\n");
        Run(directory, "add", "--all");
        Run(directory, "commit", "--quiet", "-m", "Initial commit");
        return Run(directory, "rev-parse", "HEAD");
    }
}
