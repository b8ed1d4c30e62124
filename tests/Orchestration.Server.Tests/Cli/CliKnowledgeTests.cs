namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch knowledge` list, add, accept, reject and edit on the shared waiting run.</summary>
[Collection(nameof(CliTests))]
public sealed class CliKnowledgeTests(CliRunFixture run)
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_person_adds_rejects_edits_and_lists_findings_by_status()
    {
        var added = (await run.RunAsync("knowledge", "add", run.ProjectId, "--text", "Greetings end with an exclamation mark.", "--category", "constraint"))
            .Succeeded().Output;
        Assert.Matches(@"^\w+  accepted  \[constraint\] Greetings end with an exclamation mark\.  \(person\)\n$", added);
        var id = added.Split(' ')[0];

        var mine = Assert.Single((await run.RunAsync("knowledge", "list", run.ProjectId, "--source", "person")).Succeeded().Rows);
        Assert.Matches($@"^{id}\s+accepted\s+constraint\s+person\s+Greetings end", mine);
        Assert.Matches(@"^ID\s+STATUS\s+CATEGORY\s+SOURCE\s+CONTENT\n", (await run.RunAsync("knowledge", run.ProjectId)).Succeeded().Output);

        Assert.Contains("  rejected  ", (await run.RunAsync("knowledge", "reject", id)).Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains(id, Assert.Single((await run.RunAsync("knowledge", "list", run.ProjectId, "--status", "rejected")).Succeeded().Rows), StringComparison.Ordinal);
        var edited = (await run.RunAsync("knowledge", "edit", id, "--text", "Greetings end with a full stop.")).Succeeded().Output;
        Assert.Equal($"{id}  accepted  [constraint] Greetings end with a full stop.  (person)\n", edited);

        (await run.RunAsync("knowledge", "accept", id)).Failed("409", "cannot go from 'accepted' to 'accepted'");
        (await run.RunAsync("knowledge", "accept", UnknownId)).Failed("404", "The finding was not found.");
        (await run.RunAsync("knowledge", "list", run.ProjectId, "--status", "waiting")).Failed("422", "'status' must be one of proposed, accepted, rejected");
        (await run.RunAsync("knowledge", "add", run.ProjectId, "--text", " ")).Failed("422", "'content' must not be empty.");
        Assert.NotEqual(0, (await run.RunAsync("knowledge", "add", run.ProjectId)).Exit);
    }
}
