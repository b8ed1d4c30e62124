using System.Text;
using System.Text.Json;
using Orchestration.Engine.Models;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tools.Rag;

/// <summary>What the knowledge-database tools share: the database argument, their schemas, the hits as text, and
/// search failures as tool errors the model reads.</summary>
internal static class RagToolText
{
    public const int MaxChunkChars = 1200;

    public static string DatabaseOf(IRagSearch search, IReadOnlyDictionary<string, object?> arguments)
    {
        var database = ToolArguments.OptionalString(arguments, "database");
        if (!string.IsNullOrWhiteSpace(database))
        {
            return database.Trim();
        }
        return search.Databases.Count > 0 ? search.Databases[0] : throw new ToolException("No knowledge database is configured (rag.databases).");
    }

    public static JsonElement Schema(IRagSearch search, string termName, string termDescription, string countName, bool withMode)
    {
        var databases = JsonSerializer.Serialize(search.Databases);
        var mode = withMode
            ? ""","mode":{"type":"string","enum":["semantic","keyword","hybrid"],"description":"How to match (default hybrid)"}"""
            : "";
        return JsonDocument.Parse(
            $$"""
            {"type":"object","properties":{
              "{{termName}}":{"type":"string","description":{{JsonSerializer.Serialize(termDescription)}}},
              "database":{"type":"string","enum":{{databases}},"description":"Which knowledge database (default: the first)"},
              "{{countName}}":{"type":"integer","minimum":1,"description":"How many results at most"}{{mode}}},
             "required":["{{termName}}"],"additionalProperties":false}
            """).RootElement.Clone();
    }

    public static string Format(string database, string asked, IReadOnlyList<RagHit> hits)
    {
        if (hits.Count == 0)
        {
            return $"No results for '{asked}' in the '{database}' knowledge database.";
        }
        var text = new StringBuilder($"{hits.Count} result{(hits.Count == 1 ? "" : "s")} from '{database}', best first:\n");
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var chunk = hit.Text.Length <= MaxChunkChars ? hit.Text : hit.Text[..MaxChunkChars] + " …";
            text.Append('\n').Append('[').Append(i + 1).Append("] ").Append(hit.Source)
                .Append(hit.TypeName is { Length: > 0 } type ? $" ({type})" : "")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $" score {hit.Score:0.###}\n").AppendLine(chunk);
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>Runs a search; a refused or failed one becomes a <see cref="ToolException"/> with its reason.</summary>
    public static async Task<IReadOnlyList<RagHit>> GuardAsync(Func<Task<IReadOnlyList<RagHit>>> search)
    {
        try
        {
            return await search();
        }
        catch (Exception ex) when (ex is RagDatabaseNotFoundException or RagRequestException or RagEmbedderMismatchException or ModelProviderException)
        {
            throw new ToolException(ex.Message);
        }
    }
}
