using System.Text.Json;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch tasks`, `orch task` (show, retry, cancel) on the shared waiting run.</summary>
[Collection(nameof(CliTests))]
public sealed class CliTaskTests(CliRunFixture run)
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Tasks_lists_every_task_in_plan_order_and_filters_by_wave_and_status()
    {
        var all = (await run.RunAsync("tasks", run.ProjectId)).Succeeded();
        Assert.Matches(@"^#\s+ID\s+TITLE\s+STATUS\s+TIER\s+MODEL\s+COST\s+WAVE\n", all.Output);
        Assert.Equal(run.Tasks.Select(Id), all.Rows.Select(r => run.Tasks.Select(Id).Single(id => r.Contains(id, StringComparison.Ordinal))));
        var hello = run.Tasks.Single(t => Id(t) == run.TaskFor("R1"));
        Assert.Matches($@"^{hello.GetProperty("task_index").GetInt32()}\s+{Id(hello)}\s+.+\s+completed\s+\w+\s+\S+\s+\$\d\.\d{{4}}\s+{hello.GetProperty("wave").GetInt32()}$",
            all.Rows.Single(r => r.Contains(Id(hello), StringComparison.Ordinal)));

        var firstWave = (await run.RunAsync("tasks", run.ProjectId, "--wave", "0")).Succeeded();
        Assert.Equal(run.Tasks.Where(t => t.GetProperty("wave").GetInt32() == 0).Select(Id).Order(), IdsIn(firstWave).Order());

        var completed = (await run.RunAsync("tasks", run.ProjectId, "--status", "completed")).Succeeded();
        var expected = (await run.GetAsync($"/api/tasks/project/{run.ProjectId}?status=completed")).EnumerateArray().Select(Id).ToList();
        Assert.Contains(run.TaskFor("R1"), expected);
        Assert.Equal(expected.Order(), IdsIn(completed).Order());

        (await run.RunAsync("tasks", run.ProjectId, "--status", "finished")).Failed("422", "status");
        (await run.RunAsync("tasks", UnknownId)).Failed("404", "The project was not found.");
    }

    [Fact]
    public async Task Task_shows_output_verification_tools_and_artifacts()
    {
        var hello = await run.GetAsync($"/api/tasks/{run.TaskFor("R1")}");
        var shown = (await run.RunAsync("task", run.TaskFor("R1"))).Succeeded().Output;

        Assert.StartsWith($"#{hello.GetProperty("task_index").GetInt32()} {hello.GetProperty("title").GetString()}  [completed]", shown, StringComparison.Ordinal);
        Assert.Contains("verification: passed", shown, StringComparison.Ordinal);
        Assert.Contains("requirements: R1", shown, StringComparison.Ordinal);
        Assert.Matches(@"\ntools:\s+.*write_file", shown);
        var artifact = hello.GetProperty("output_artifacts").EnumerateArray().First();
        Assert.Contains($"{artifact.GetProperty("path").GetString()} ({artifact.GetProperty("bytes").GetInt64()} bytes)", shown, StringComparison.Ordinal);
        Assert.Contains("error:        -", shown, StringComparison.Ordinal);
        Assert.EndsWith("\noutput:\n" + hello.GetProperty("output_text").GetString() + Environment.NewLine, shown, StringComparison.Ordinal);

        (await run.RunAsync("task", UnknownId)).Failed("404", "The task was not found.");
    }

    [Fact]
    public async Task Task_cancel_and_retry_and_retry_with_feedback_once_it_waits_for_review()
    {
        var language = run.TaskFor("R4");
        Assert.Matches(@": cancelled\s*$", (await run.RunAsync("task", "cancel", language)).Succeeded().Output);
        Assert.Equal("cancelled", (await run.GetAsync($"/api/tasks/{language}")).GetProperty("status").GetString());

        // A task that is not running or completed can be edited; a completed one cannot.
        var edited = (await run.RunAsync("task", "edit", language, "--title", "Language notes", "--priority", "5")).Succeeded().Output;
        Assert.Contains("Language notes", edited, StringComparison.Ordinal);
        var task = await run.GetAsync($"/api/tasks/{language}");
        Assert.Equal(("Language notes", 5), (task.GetProperty("title").GetString(), task.GetProperty("priority").GetInt32()));
        (await run.RunAsync("task", "edit", run.TaskFor("R1"), "--priority", "1")).Failed("409");
        (await run.RunAsync("task", "edit", language)).Failed("Nothing to change");

        // A cancelled task has no review to carry feedback: the CLI says where feedback can go instead.
        (await run.RunAsync("task", "retry", language, "--feedback", "Use English.")).Failed("feedback goes only to a task that waits for review");

        var after = await run.LatestSeqAsync();
        Assert.Equal(0, (await run.RunAsync("task", "retry", language)).Succeeded().Exit);
        Assert.NotEqual("cancelled", (await run.GetAsync($"/api/tasks/{language}")).GetProperty("status").GetString());

        // [sim:human] again: once it waits for review, a retry with feedback goes to it as a review.
        await run.WaitForEventAsync(after, e => e.GetProperty("type").GetString() == "task_needs_review"
                                                && e.GetProperty("task_id").GetString() == language);
        (await run.RunAsync("task", "retry", language, "--feedback", "Use English.")).Succeeded();
        Assert.Contains("[reviewer] Use English.", (await run.RunAsync("task", language)).Succeeded().Output, StringComparison.Ordinal);

        (await run.RunAsync("task", "retry", run.TaskFor("R1"))).Failed("409", "completed");
        (await run.RunAsync("task", "cancel", run.TaskFor("R1"))).Failed("409", "completed");
        (await run.RunAsync("task", "cancel", UnknownId)).Failed("404", "The task was not found.");
    }

    private static string Id(JsonElement task) => task.GetProperty("id").GetString()!;

    private IEnumerable<string> IdsIn(CliResult result) =>
        result.Rows.Select(r => run.Tasks.Select(Id).Single(id => r.Contains(id, StringComparison.Ordinal)));
}
