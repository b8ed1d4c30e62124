using System.CommandLine;
using Microsoft.Extensions.FileSystemGlobbing;
using Orchestration.Cli.Client;
using Orchestration.Cli.Runs;
using Orchestration.Engine.Rag;
using Spectre.Console;

namespace Orchestration.Cli.Commands;

/// <summary>
/// `orch rag ingest DATABASE PATH [--glob PATTERN] [--prune]`: keeps a database in step with a folder. Each matching
/// file is one source, named by its path relative to the folder (a file longer than a document may be becomes several
/// documents of that source). The database's documents are listed first with their content hashes, so only new and
/// changed files are sent, each replacing its source (PUT .../sources/{source}: unchanged parts are kept, the rest
/// re-embedded, vanished parts removed). --prune also removes the database's sources that no file matches.
/// </summary>
internal static class RagIngestCommand
{
    private const int MaxTextChars = 100_000;
    private const int PageSize = 200;

    public static Command Create(Terminal terminal)
    {
        var database = new Argument<string>("database");
        var path = new Argument<DirectoryInfo>("path") { Description = "The folder to ingest." };
        var glob = new Option<string>("--glob") { Description = "Which files, relative to the folder.", DefaultValueFactory = _ => "**/*.md" };
        var prune = new Option<bool>("--prune") { Description = "Also remove every source of the database that no matching file names." };
        var plain = new Option<bool>("--plain") { Description = "A line per file sent instead of a progress bar." };
        var command = new Command("ingest",
            "Bring a database in step with a folder (admin): only new and changed files are sent, with a progress bar; --prune removes the rest.")
        {
            database, path, glob, prune, plain,
        };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var root = parse.GetValue(path)!;
            if (!root.Exists)
            {
                throw new CliException($"No folder {root.FullName}.");
            }
            var name = Uri.EscapeDataString(parse.GetValue(database)!);
            var files = new Matcher(StringComparison.Ordinal).AddInclude(parse.GetValue(glob)!).GetResultsInFullPath(root.FullName)
                .Order(StringComparer.Ordinal)
                .Select(f => LocalSource.Read(root.FullName, f))
                .ToList();
            if (files.Count == 0)
            {
                throw new CliException($"No file under {root.FullName} matches {parse.GetValue(glob)}.");
            }
            var stored = await StoredHashesAsync(client, name, ct);
            var changed = files.Where(f => !stored.TryGetValue(f.Source, out var hashes) || !hashes.SetEquals(f.Hashes)).ToList();
            var vanished = parse.GetValue(prune) ? stored.Keys.Except(files.Select(f => f.Source), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() : [];
            var totals = new Totals();
            async Task SendAsync(LocalSource file) =>
                totals.Add(await client.PutAsync($"/api/rag/databases/{name}/sources/{SourcePath(file.Source)}",
                    new { documents = file.Parts.Select(text => new { text }) }, ct));
            async Task RemoveAsync(string source) =>
                totals.AddRemoved(await client.DeleteAsync($"/api/rag/databases/{name}/sources/{SourcePath(source)}", ct));

            if (terminal.Live(output, parse.GetValue(plain)) is { } live && changed.Count + vanished.Count > 0)
            {
                await live.Progress().StartAsync(async progress =>
                {
                    var bar = progress.AddTask($"sending {changed.Count} of {files.Count} files", maxValue: changed.Count + vanished.Count);
                    foreach (var file in changed)
                    {
                        await SendAsync(file);
                        bar.Increment(1);
                    }
                    foreach (var source in vanished)
                    {
                        await RemoveAsync(source);
                        bar.Increment(1);
                    }
                });
            }
            else
            {
                foreach (var file in changed)
                {
                    await SendAsync(file);
                    await output.WriteLineAsync($"sent {file.Source}");
                }
                foreach (var source in vanished)
                {
                    await RemoveAsync(source);
                    await output.WriteLineAsync($"removed {source}");
                }
            }
            await output.WriteLineAsync($"{files.Count} files into {parse.GetValue(database)}: {files.Count - changed.Count} unchanged, "
                + $"{changed.Count} sent ({totals.Added} documents added, {totals.Removed} removed, {totals.Chunks} chunks embedded), "
                + $"{vanished.Count} sources pruned");
        });
        return command;
    }

    /// <summary>A source in a URL path: its segments escaped, its slashes kept (the route takes the rest of the path).</summary>
    private static string SourcePath(string source) => string.Join('/', source.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Every source of the database with the content hashes of its documents.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> StoredHashesAsync(OrchClient client, string name, CancellationToken ct)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await client.GetAsync($"/api/rag/databases/{name}/documents?offset={offset}&limit={PageSize}", ct);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                var source = item.Text("source");
                if (!result.TryGetValue(source, out var hashes))
                {
                    result[source] = hashes = new HashSet<string>(StringComparer.Ordinal);
                }
                hashes.Add(item.Text("content_hash"));
            }
            if (items.Count < PageSize || offset + items.Count >= page.Number("total"))
            {
                return result;
            }
        }
    }

    /// <summary>A file as the database will hold it: its parts (of at most a document's size) and their content hashes.</summary>
    private sealed record LocalSource(string Source, IReadOnlyList<string> Parts, HashSet<string> Hashes)
    {
        public static LocalSource Read(string root, string file)
        {
            var source = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var parts = Split(RagContentHash.Normalize(File.ReadAllText(file))).ToList();
            return new LocalSource(source, parts, parts.Select(p => RagContentHash.Of(source, null, p)).ToHashSet(StringComparer.Ordinal));
        }

        /// <summary>The normalised text cut between paragraphs (else at a line break) into parts of at most the route's
        /// document size; an empty file has none.</summary>
        private static IEnumerable<string> Split(string text)
        {
            var rest = text;
            while (rest.Length > 0)
            {
                if (rest.Length <= MaxTextChars)
                {
                    yield return rest;
                    yield break;
                }
                var cut = rest.LastIndexOf("\n\n", MaxTextChars, StringComparison.Ordinal);
                cut = cut > 0 ? cut : rest.LastIndexOf('\n', MaxTextChars - 1);
                cut = cut > 0 ? cut : MaxTextChars;
                yield return RagContentHash.Normalize(rest[..cut]);
                rest = RagContentHash.Normalize(rest[cut..]);
            }
        }
    }

    /// <summary>What the server answered, summed over the files.</summary>
    private sealed class Totals
    {
        public long Added { get; private set; }
        public long Removed { get; private set; }
        public long Chunks { get; private set; }

        public void Add(System.Text.Json.JsonElement answer)
        {
            Added += (long)answer.Number("added");
            Removed += (long)answer.Number("removed");
            Chunks += (long)answer.Number("chunks_added");
        }

        public void AddRemoved(System.Text.Json.JsonElement answer) => Removed += (long)answer.Number("removed");
    }
}
