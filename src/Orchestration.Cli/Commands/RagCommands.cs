using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestration.Cli.Runs;

namespace Orchestration.Cli.Commands;

/// <summary>`orch rag`: the knowledge databases (config rag.databases) that the search_knowledge tool reads: list them,
/// their sources, search one, and ingest a folder into one (admin).</summary>
internal static class RagCommands
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("rag", "Knowledge databases: list, sources, search, and ingest a folder (admin).");
        command.Subcommands.Add(Databases());
        command.Subcommands.Add(Sources());
        command.Subcommands.Add(Search());
        command.Subcommands.Add(RagIngestCommand.Create(terminal));
        return command;
    }

    private static Command Databases()
    {
        var json = JsonOutput.Option();
        var command = new Command("databases", "List the configured databases: index status and kind, sources, documents, chunks, size and embedder (external ones are read-only).") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var databases = await client.GetAsync("/api/rag/databases", ct);
            await parse.WriteAsync(json, output, databases, () => Table.Write(output, ["NAME", "STATUS", "INDEX", "SOURCES", "DOCUMENTS", "CHUNKS", "SIZE", "EMBEDDER"],
                databases.EnumerateArray().Select(d => (IReadOnlyList<string>)
                [
                    d.Text("name"), d.Text("index_status"), Index(d), d.Text("source_count"), d.Text("document_count"), d.Text("chunk_count"),
                    (d.Number("file_size_bytes") / 1024).ToString("N0", CultureInfo.InvariantCulture) + " KiB",
                    d.TryGetProperty("external", out var external) && external.ValueKind == JsonValueKind.True ? d.Text("embedder") + " (read-only)" : d.Text("embedder"),
                ])));
        });
        return command;
    }

    /// <summary>exact or hnsw, with the share built while an HNSW index is being built.</summary>
    private static string Index(JsonElement database) =>
        database.TryGetProperty("index_progress", out var progress) && progress.ValueKind == JsonValueKind.Number
            ? $"{database.Text("index_kind")} {progress.GetDouble() * 100:0}%"
            : database.Text("index_kind");

    private static Command Sources()
    {
        var database = new Argument<string>("database");
        var json = JsonOutput.Option();
        var command = new Command("sources", "List a database's sources with their document and chunk counts.") { database, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var sources = await client.GetAsync($"/api/rag/databases/{Uri.EscapeDataString(parse.GetValue(database)!)}/sources", ct);
            await parse.WriteAsync(json, output, sources, () => Table.Write(output, ["DOCUMENTS", "CHUNKS", "SOURCE"],
                sources.EnumerateArray().Select(s => (IReadOnlyList<string>)[s.Text("count"), s.Text("chunk_count"), s.Text("source")]), fullLastColumn: true));
        });
        return command;
    }

    private static Command Search()
    {
        var database = new Argument<string>("database");
        var query = new Argument<string>("query");
        var mode = new Option<string?>("--mode") { Description = "semantic (default), keyword or hybrid." };
        mode.AcceptOnlyFromAmong("semantic", "keyword", "hybrid");
        var top = new Option<int?>("--top-k") { Description = "How many hits (default: the server's rag.default_top_k)." };
        var json = JsonOutput.Option();
        var command = new Command("search", "Search a database, best hits first: score, source, how it matched and the text.") { database, query, mode, top, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var hits = await client.PostAsync($"/api/rag/databases/{Uri.EscapeDataString(parse.GetValue(database)!)}/search",
                new { query = parse.GetValue(query), top_k = parse.GetValue(top), mode = parse.GetValue(mode) }, ct);
            await parse.WriteAsync(json, output, hits, () => Table.Write(output, ["SCORE", "MATCH", "SOURCE", "CHUNK", "TEXT"],
                hits.EnumerateArray().Select(h => (IReadOnlyList<string>)
                [
                    h.Number("score").ToString("0.000", CultureInfo.InvariantCulture), h.Text("match"), h.Text("source"), h.Text("chunk_index"),
                    h.GetPropertyOrDefault("snippet") ?? h.Text("text"),
                ]), fullLastColumn: true));
        });
        return command;
    }
}
