using System.Text.Json;
using Spectre.Console.Testing;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch rag` databases, sources, search and ingest against a server with the embedded embedder.</summary>
[Collection(nameof(CliTests))]
public sealed class CliRagTests(CliAccountsFixture server) : IClassFixture<CliAccountsFixture>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orch-cli-tests", "rag-" + Guid.NewGuid().ToString("N"));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task An_admin_ingests_a_folder_then_anyone_lists_and_searches_it_and_a_terminal_shows_progress()
    {
        Write("guide/scheduler.md", "The scheduler dispatches ready tasks to free workers.");
        Write("guide/budget.md", "Budgets are reserved before each model call and settled after it.");
        Write("faq.md", "Invoices are emailed on the first day of each month.");
        Write("notes.txt", "Not markdown, so not ingested.");

        var ingest = (await server.AdminHome.RunAsync("rag", "ingest", "docs", _folder)).Succeeded().Output;
        var again = (await server.AdminHome.RunAsync("rag", "ingest", "docs", _folder, "--glob", "**/*")).Succeeded().Output;

        Assert.Equal("sent faq.md\nsent guide/budget.md\nsent guide/scheduler.md\n"
            + "3 files into docs: 0 unchanged, 3 sent (3 documents added, 0 removed, 3 chunks embedded), 0 sources pruned\n", ingest);
        // Only the file the server does not hold yet is sent.
        Assert.Equal("sent notes.txt\n4 files into docs: 3 unchanged, 1 sent (1 documents added, 0 removed, 1 chunks embedded), 0 sources pruned\n", again);

        var databases = (await server.UserHome.RunAsync("rag", "databases")).Succeeded();
        Assert.Matches(@"^NAME\s+STATUS\s+INDEX\s+SOURCES\s+DOCUMENTS\s+CHUNKS\s+SIZE\s+EMBEDDER\n", databases.Output);
        Assert.Matches(@"^docs\s+ready\s+exact\s+4\s+4\s+4\s+[\d,]+ KiB\s+minilm/all-MiniLM-L6-v2$", Assert.Single(databases.Rows, r => r.StartsWith("docs", StringComparison.Ordinal)));
        Assert.Matches(@"^empty\s+empty\s+exact\s+0\s+", Assert.Single(databases.Rows, r => r.StartsWith("empty", StringComparison.Ordinal)));
        var databasesJson = JsonDocument.Parse((await server.UserHome.RunAsync("rag", "databases", "--json")).Succeeded().Output).RootElement;
        Assert.Equal("ready", databasesJson.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "docs").GetProperty("index_status").GetString());

        var sources = (await server.UserHome.RunAsync("rag", "sources", "docs")).Succeeded().Rows;
        Assert.Equal(["faq.md", "guide/budget.md", "guide/scheduler.md", "notes.txt"], sources.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]).Order());
        var sourcesJson = JsonDocument.Parse((await server.UserHome.RunAsync("rag", "sources", "docs", "--json")).Succeeded().Output).RootElement;
        Assert.Equal(["source", "count", "chunk_count"], sourcesJson[0].EnumerateObject().Select(p => p.Name));

        var hits = (await server.UserHome.RunAsync("rag", "search", "docs", "invoices emailed", "--mode", "keyword", "--top-k", "1")).Succeeded();
        Assert.Matches(@"^SCORE\s+MATCH\s+SOURCE\s+CHUNK\s+TEXT\n", hits.Output);
        Assert.Matches(@"^\d\.\d{3}\s+keyword\s+faq\.md\s+0\s+", Assert.Single(hits.Rows));
        var hitsJson = JsonDocument.Parse((await server.UserHome.RunAsync("rag", "search", "docs", "Which worker runs a ready task?", "--json")).Succeeded().Output).RootElement;
        Assert.Equal("guide/scheduler.md", hitsJson[0].GetProperty("source").GetString());

        // A changed file replaces its source; with --prune, a removed file's source goes.
        Write("guide/budget.md", "Budgets are reserved before each call, settled after it, and capped per day.");
        File.Delete(Path.Combine(_folder, "faq.md"));
        var synced = (await server.AdminHome.RunAsync("rag", "ingest", "docs", _folder, "--glob", "**/*", "--prune")).Succeeded().Output;
        var budget = JsonDocument.Parse((await server.UserHome.RunAsync("rag", "search", "docs", "capped per day", "--mode", "keyword", "--json")).Succeeded().Output).RootElement;
        Assert.Equal("sent guide/budget.md\nremoved faq.md\n"
            + "3 files into docs: 2 unchanged, 1 sent (1 documents added, 2 removed, 1 chunks embedded), 1 sources pruned\n", synced);
        Assert.Equal(["guide/budget.md"], budget.EnumerateArray().Select(h => h.GetProperty("source").GetString()));
        Assert.Equal(["guide/budget.md", "guide/scheduler.md", "notes.txt"],
            JsonDocument.Parse((await server.UserHome.RunAsync("rag", "sources", "docs", "--json")).Succeeded().Output).RootElement
                .EnumerateArray().Select(s => s.GetProperty("source").GetString()).Order());

        // On a terminal the files sent advance a progress bar; the totals still go to the output.
        Write("progress/one.md", "Workers heartbeat every few seconds while they hold a lease.");
        using var terminal = new TestConsole().Width(100).Interactive();

        var result = (await CliRunner.RunInTerminalAsync(terminal, server.App.BaseAddress, server.AdminHome.Path,
            "rag", "ingest", "docs", Path.Combine(_folder, "progress"))).Succeeded();

        Assert.Contains("sending 1 of 1 files", terminal.Output, StringComparison.Ordinal);
        Assert.Equal("1 files into docs: 0 unchanged, 1 sent (1 documents added, 0 removed, 1 chunks embedded), 0 sources pruned\n", result.Output);
    }

    [Fact]
    public async Task Refusals_are_one_line_failures()
    {
        Write("a.md", "Some text.");

        (await server.UserHome.RunAsync("rag", "ingest", "docs", _folder)).Failed("403");
        (await server.AdminHome.RunAsync("rag", "ingest", "missing", _folder)).Failed("404");
        (await server.AdminHome.RunAsync("rag", "ingest", "docs", _folder, "--glob", "**/*.rst")).Failed("No file under", "matches **/*.rst");
        (await server.AdminHome.RunAsync("rag", "ingest", "docs", Path.Combine(_folder, "nowhere"))).Failed("No folder");
        (await server.UserHome.RunAsync("rag", "sources", "missing")).Failed("404");
        (await server.UserHome.RunAsync("rag", "search", "docs", new string('q', 2001))).Failed("422");
        Assert.Equal(2, (await server.UserHome.RunAsync("rag", "search", "docs", "x", "--mode", "fuzzy")).Exit);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
