using System.Globalization;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch knowledge` and `orch events` on the shared waiting run.</summary>
[Collection(nameof(CliTests))]
public sealed class CliTimelineTests(CliRunFixture run)
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Knowledge_lists_findings_with_their_source_task_and_deletes_one()
    {
        var findings = (await run.GetAsync($"/api/projects/{run.ProjectId}/knowledge")).EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        var listed = (await run.RunAsync("knowledge", run.ProjectId)).Succeeded();
        Assert.Matches(@"^ID\s+STATUS\s+CATEGORY\s+SOURCE\s+CONTENT\n", listed.Output);
        var first = findings[0];
        var id = first.GetProperty("id").GetString()!;
        var row = Assert.Single(listed.Rows, r => r.StartsWith(id, StringComparison.Ordinal));
        Assert.Contains(first.GetProperty("category").GetString()!, row, StringComparison.Ordinal);
        Assert.Contains($"  {first.GetProperty("status").GetString()}  ", row, StringComparison.Ordinal);
        // A long task title is cut to the column's width, so only its start is certain to show.
        var source = first.GetProperty("source").GetString() == "person" ? "person" : $"'{first.GetProperty("source_task_title").GetString()}'";
        Assert.Contains(source[..Math.Min(source.Length, 40)], row, StringComparison.Ordinal);
        // The content is free text at the end of the line: shown whole, never cut to the column width.
        Assert.EndsWith(first.GetProperty("content").GetString()!.ReplaceLineEndings(" "), row, StringComparison.Ordinal);

        Assert.Equal("deleted", (await run.RunAsync("knowledge", "delete", run.ProjectId, id)).Succeeded().Output.Trim());
        Assert.DoesNotContain(id, (await run.RunAsync("knowledge", run.ProjectId)).Succeeded().Output, StringComparison.Ordinal);

        (await run.RunAsync("knowledge", "delete", run.ProjectId, id)).Failed("404", "The finding was not found.");
        (await run.RunAsync("knowledge", UnknownId)).Failed("404", "The project was not found.");
        (await run.RunAsync("knowledge", run.ProjectId, "--category", "rumour")).Failed("422", "category");
    }

    [Fact]
    public async Task Events_shows_the_newest_events_oldest_first_and_says_how_many_there_are()
    {
        var latest = await run.LatestSeqAsync();
        var lastThree = (await run.RunAsync("events", run.ProjectId, "--limit", "3")).Succeeded();
        Assert.Matches(@"^SEQ\s+TIME\s+TYPE\s+COST\s+MESSAGE\n", lastThree.Output);
        var rows = lastThree.Rows.Where(r => !r.StartsWith('(')).ToList();
        var seqs = rows.Select(r => long.Parse(r.Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.True(seqs.SequenceEqual(seqs.Order()), lastThree.Output);
        Assert.Equal(3, seqs.Count);
        Assert.True(seqs[^1] >= latest, lastThree.Output);
        Assert.Matches(@"\(3 newest of \d+ events; --limit shows more\)\n$", lastThree.Output);

        var timeline = (await run.RunAsync("events", run.ProjectId, "--limit", "5000")).Succeeded().Output;
        Assert.Matches(@"\n1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+", timeline);
        foreach (var type in new[] { "task_start", "task_complete", "task_needs_review", "checkpoint", "project_waiting" })
        {
            Assert.Matches($@"\n\d+\s+\S+ \S+\s+{type}\s", timeline);
        }
        Assert.Matches(@"\n\d+\s+\S+ \S+\s+task_complete\s+\$\d\.\d{4}\s+\S", timeline);
        Assert.DoesNotContain("newest of", timeline, StringComparison.Ordinal);

        (await run.RunAsync("events", UnknownId)).Failed("404", "The project was not found.");
        (await run.RunAsync("events", run.ProjectId, "--limit", "0")).Failed("422", "limit");
    }
}
