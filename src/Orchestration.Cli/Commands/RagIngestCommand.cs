using System.CommandLine;
using Microsoft.Extensions.FileSystemGlobbing;
using Orchestration.Cli.Client;
using Orchestration.Cli.Runs;
using Spectre.Console;

namespace Orchestration.Cli.Commands;

/// <summary>
/// `orch rag ingest DATABASE PATH [--glob PATTERN]`: posts every matching file under a folder as a document whose source
/// is its path relative to the folder. Files go in batches that stay inside the ingest route's limits; a document
/// stored already is skipped by the server, so ingesting a folder again adds only what changed.
/// </summary>
internal static class RagIngestCommand
{
    // NOTE: well below the route's 400 new chunks (about 400 KB of text) and, with JSON escaping, below the 1 MiB body limit.
    private const int BatchChars = 120_000;
    private const int MaxDocumentsPerBatch = 200;
    private const int MaxTextChars = 100_000;

    public static Command Create(Terminal terminal)
    {
        var database = new Argument<string>("database");
        var path = new Argument<DirectoryInfo>("path") { Description = "The folder to ingest." };
        var glob = new Option<string>("--glob") { Description = "Which files, relative to the folder.", DefaultValueFactory = _ => "**/*.md" };
        var plain = new Option<bool>("--plain") { Description = "A line per batch instead of a progress bar." };
        var command = new Command("ingest", "Ingest a folder's files into a database (admin): a progress bar, then what was added and skipped.")
        {
            database, path, glob, plain,
        };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var root = parse.GetValue(path)!;
            if (!root.Exists)
            {
                throw new CliException($"No folder {root.FullName}.");
            }
            var matcher = new Matcher(StringComparison.Ordinal).AddInclude(parse.GetValue(glob)!);
            var files = matcher.GetResultsInFullPath(root.FullName).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new CliException($"No file under {root.FullName} matches {parse.GetValue(glob)}.");
            }
            var route = $"/api/rag/databases/{Uri.EscapeDataString(parse.GetValue(database)!)}/documents";
            var totals = new Totals();
            var batches = Batches(root.FullName, files).ToList();
            if (terminal.Live(output, parse.GetValue(plain)) is { } live)
            {
                await live.Progress().StartAsync(async progress =>
                {
                    var bar = progress.AddTask($"ingesting {files.Count} files", maxValue: files.Count);
                    foreach (var batch in batches)
                    {
                        await totals.PostAsync(client, route, batch.Documents, ct);
                        bar.Increment(batch.Files);
                    }
                });
            }
            else
            {
                var done = 0;
                foreach (var batch in batches)
                {
                    await totals.PostAsync(client, route, batch.Documents, ct);
                    done += batch.Files;
                    await output.WriteLineAsync($"{done}/{files.Count} files");
                }
            }
            await output.WriteLineAsync($"{files.Count} files into {parse.GetValue(database)}: {totals.Added} documents added, "
                                        + $"{totals.Skipped} skipped (stored already), {totals.Chunks} chunks");
        });
        return command;
    }

    /// <summary>The files as documents in batches; a file longer than the route allows becomes several documents of the same source.</summary>
    private static IEnumerable<(List<object> Documents, int Files)> Batches(string root, IEnumerable<string> files)
    {
        var documents = new List<object>();
        var (chars, count) = (0, 0);
        foreach (var file in files)
        {
            var source = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            foreach (var part in Parts(File.ReadAllText(file)))
            {
                if (documents.Count > 0 && (chars + part.Length > BatchChars || documents.Count == MaxDocumentsPerBatch))
                {
                    yield return (documents, count);
                    (documents, chars, count) = ([], 0, 0);
                }
                documents.Add(new { source, text = part });
                chars += part.Length;
            }
            count++;
        }
        if (documents.Count > 0 || count > 0)
        {
            yield return (documents, count);
        }
    }

    /// <summary>The text cut at line breaks into parts of at most the route's document size; an empty file is none.</summary>
    private static IEnumerable<string> Parts(string text)
    {
        var rest = text.AsMemory();
        while (rest.Span.Trim().Length > 0)
        {
            var cut = rest.Length <= MaxTextChars ? rest.Length : rest.Span[..MaxTextChars].LastIndexOf('\n') + 1;
            cut = cut <= 0 ? Math.Min(MaxTextChars, rest.Length) : cut;
            yield return rest[..cut].ToString();
            rest = rest[cut..];
        }
    }

    /// <summary>What the server answered, summed over the batches.</summary>
    private sealed class Totals
    {
        public long Added { get; private set; }
        public long Skipped { get; private set; }
        public long Chunks { get; private set; }

        /// <summary>Posts one batch (none when its files were all empty) and adds up the answer.</summary>
        public async Task PostAsync(OrchClient client, string route, List<object> documents, CancellationToken ct)
        {
            if (documents.Count == 0)
            {
                return;
            }
            var answer = await client.PostAsync(route, new { documents }, ct);
            Added += (long)answer.Number("added");
            Skipped += (long)answer.Number("skipped");
            Chunks += (long)answer.Number("chunks");
        }
    }
}
