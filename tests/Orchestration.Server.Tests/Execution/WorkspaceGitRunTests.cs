using System.Diagnostics;
using System.Text.Json;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Execution;

/// <summary>A planned run through the real host with git.enabled: every task is a commit in the workspace repository.</summary>
public sealed class WorkspaceGitRunTests
{
    private const string Requirements = """
        Create a hello-world deliverable.

        Write hello_world.py that prints a greeting and today's date in ISO format.

        Write RUN.md with exact steps to run it.
        """;

    [Fact]
    public async Task A_run_with_git_enabled_commits_each_task_and_streams_git_commit_events()
    {
        await using var app = await OrchestrationApp.StartAsync("""{ "git": { "enabled": true, "commit_author": "Run Bot <bot@example.com>" } }""");
        var client = await app.CreateClientForNewUserAsync();
        var project = await PlanningApp.CreateProjectAsync(client, Requirements);
        var plan = await PlanningApp.PlannedAsync(client, project);
        await (await PlanningApp.ApproveAsync(client, project, plan.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await using var stream = await RawEventStream.OpenAsync(app.CreateClient(), $"/api/events/{project}?token={Uri.EscapeDataString(token)}");

        await client.PostAsync($"/api/projects/{project}/execute", null);
        await stream.ReadUntilAsync("event: project_complete");

        var tasks = (await (await client.GetAsync($"/api/tasks/project/{project}")).ReadJsonAsync()).EnumerateArray()
            .ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("title").GetString()!);
        Assert.Empty(stream.Events().Where(e => e.Type == "git_error").Select(e => e.Data));
        var live = stream.Events().Where(e => e.Type == "git_commit").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.True(tasks.Count == live.Count, $"{live.Count} git_commit events for {tasks.Count} tasks in: {string.Join(' ', stream.Events().Select(e => e.Type))}");
        Assert.Equal(tasks.Keys.Order(), live.Select(e => e.GetProperty("task_id").GetString()!).Order());
        var history = (await (await client.GetAsync($"/api/events/{project}/history?limit=200")).ReadJsonAsync()).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "git_commit").ToList();
        Assert.Equal(tasks.Count, history.Count);

        var root = Path.Combine(app.Config.Execution.WorkspaceRoot, project);
        var branch = Git(root, "symbolic-ref", "--short", "HEAD").Single();
        Assert.StartsWith("orch/planned-", branch, StringComparison.Ordinal);
        Assert.All(live, e => Assert.Equal(branch, e.GetProperty("branch").GetString()));
        Assert.Equal(live.Select(e => e.GetProperty("commit").GetString()!).Reverse(), Git(root, "log", "--format=%H"));
        Assert.Equal(tasks.Values.Order(), Git(root, "log", "--format=%s").Order());
        Assert.All(Git(root, "log", "--format=%an <%ae>"), author => Assert.Equal("Run Bot <bot@example.com>", author));
        Assert.Equal(tasks.Count, Directory.GetFiles(Path.Combine(root, ".orchestration"), "*.md").Length);
        Assert.Empty(Git(root, "status", "--porcelain"));
        // Files the tasks wrote with write_file are in the history too, not only their outputs.
        Assert.Contains(live.SelectMany(e => e.GetProperty("files").EnumerateArray().Select(f => f.GetString()!)),
            f => !f.StartsWith(".orchestration/", StringComparison.Ordinal));
    }

    private static string[] Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
