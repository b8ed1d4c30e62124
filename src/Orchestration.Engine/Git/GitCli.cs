using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;

namespace Orchestration.Engine.Git;

/// <summary>
/// Runs the real <c>git</c> binary: arguments as a list (never a shell string), the identity from git.commit_author,
/// no global or system config, no prompts, and at most git.command_timeout seconds per command (then the command and
/// everything it started are killed), so servers and tests behave the same on any machine.
/// </summary>
internal sealed partial class GitCli(GitOptions options, TimeProvider time, ILogger<GitCli> logger)
{
    private const int MaxErrorChars = 2_000;

    // Variables that would point git at another repository, index or identity than the one asked for.
    private static readonly string[] Inherited =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE",
        "GIT_COMMON_DIR", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
        "GIT_COMMITTER_DATE", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
    ];

    /// <summary>Runs git in <paramref name="directory"/>; a non-zero exit is an exception with git's own message.</summary>
    public async Task<GitResult> RunAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(directory, arguments, cancellationToken);
        return result.Succeeded
            ? result
            : throw new GitCommandException($"git {arguments[0]} failed (exit {result.ExitCode}): {Clean(result.Error, result.Output)}");
    }

    /// <summary>Runs git and returns how it ended, whatever the exit code; only a start failure or a timeout throws.</summary>
    public async Task<GitResult> TryRunAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(directory, arguments) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new GitCommandException($"git could not be started ({ex.Message}); install git and make sure it is on PATH.");
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var timeout = TimeSpan.FromSeconds(options.CommandTimeout);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            // The readers end when the killed tree's pipes close; nobody waits for them, so their faults are observed here.
            _ = Task.WhenAll(output, error).ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            LogTimedOut(logger, arguments[0], directory, timeout.TotalSeconds);
            throw new GitCommandException(string.Create(CultureInfo.InvariantCulture,
                $"git {arguments[0]} did not finish within {timeout.TotalSeconds:0.###} s (git.command_timeout) and was stopped."));
        }
        var result = new GitResult(process.ExitCode, await output, await error);
        LogRan(logger, arguments[0], directory, result.ExitCode);
        return result;
    }

    private ProcessStartInfo StartInfo(string directory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (!GitAuthor.TryParse(options.CommitAuthor, out var name, out var email))
        {
            throw new GitCommandException($"git.commit_author must look like 'Name <email>' (got '{options.CommitAuthor}').");
        }
        foreach (var argument in (string[])["-c", $"user.name={name}", "-c", $"user.email={email}", "-c", "core.quotepath=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var variable in Inherited)
        {
            start.Environment.Remove(variable);
        }
        var env = start.Environment;
        env["GIT_CONFIG_GLOBAL"] = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";
        env["GIT_CONFIG_NOSYSTEM"] = "1";
        env["GIT_TERMINAL_PROMPT"] = "0";
        env["GIT_ASKPASS"] = "";
        env["SSH_ASKPASS"] = "";
        env["LC_ALL"] = "C";
        // Never climb out of the workspace into a repository that happens to contain it (a data dir inside a checkout).
        env["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)) ?? "";
        var now = string.Create(CultureInfo.InvariantCulture, $"@{time.GetUtcNow().ToUnixTimeSeconds()} +0000");
        (env["GIT_AUTHOR_DATE"], env["GIT_COMMITTER_DATE"]) = (now, now);
        return start;
    }

    private static void Kill(Process process)
    {
        try
        {
            // The whole tree: a hook or helper git started would otherwise keep running (and keep the pipes open).
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    /// <summary>git's message, one line per line, with credentials in URLs masked and the length bounded.</summary>
    private static string Clean(string error, string output)
    {
        var text = (string.IsNullOrWhiteSpace(error) ? output : error).Trim();
        text = UrlCredentials().Replace(text, "://***@");
        text = string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length == 0 ? "(no message)" : text.Length <= MaxErrorChars ? text : text[..MaxErrorChars] + "…";
    }

    [GeneratedRegex(@"://[^/@\s]+@")]
    private static partial Regex UrlCredentials();

    [LoggerMessage(EventId = 6501, Level = LogLevel.Debug, Message = "git {Command} in {Directory} exited with {ExitCode}")]
    private static partial void LogRan(ILogger logger, string command, string directory, int exitCode);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "git {Command} in {Directory} ran past {TimeoutSeconds} s and was killed")]
    private static partial void LogTimedOut(ILogger logger, string command, string directory, double timeoutSeconds);
}
