using System.Text.Json;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tools.Rag;

/// <summary>search_knowledge: semantic, keyword or hybrid search over the knowledge databases (rag.databases).</summary>
internal sealed class SearchKnowledgeTool(IRagSearch search) : ITaskTool
{
    private readonly Lazy<JsonElement> _schema = new(() =>
        RagToolText.Schema(search, "query", "What to look for, in words", "top_k", withMode: true));

    public string Name => DefaultTools.SearchKnowledge;

    public string Description =>
        "Search the knowledge databases (reference documents ingested for this server) and get the best matching passages.";

    public JsonElement ParametersSchema => _schema.Value;

    public async Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var query = ToolArguments.RequiredString(arguments, "query");
        var database = RagToolText.DatabaseOf(search, arguments);
        var modeName = ToolArguments.OptionalString(arguments, "mode") ?? "hybrid";
        if (!WireNames.TryParse<RagSearchMode>(modeName, out var mode))
        {
            throw new ToolException($"'mode' must be semantic, keyword or hybrid (got '{modeName}').");
        }
        var hits = await RagToolText.GuardAsync(() => search.SearchAsync(database, query, ToolArguments.OptionalInt(arguments, "top_k"), mode, cancellationToken));
        return RagToolText.Format(database, query, hits);
    }
}
