using System.Text.Json;
using Orchestration.Core.Planning;
using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tools.Rag;

/// <summary>lookup_type: exact lookup of a type name or keyword in the knowledge databases (no embedding).</summary>
internal sealed class LookupTypeTool(IRagSearch search) : ITaskTool
{
    private readonly Lazy<JsonElement> _schema = new(() =>
        RagToolText.Schema(search, "term", "The exact type name or keyword", "limit", withMode: false));

    public string Name => DefaultTools.LookupType;

    public string Description =>
        "Look up a type name or keyword exactly in the knowledge databases: documents of that type first, then passages containing it.";

    public JsonElement ParametersSchema => _schema.Value;

    public async Task<string> InvokeAsync(ToolInvocation invocation, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var term = ToolArguments.RequiredString(arguments, "term");
        var database = RagToolText.DatabaseOf(search, arguments);
        var hits = await RagToolText.GuardAsync(() => search.LookupAsync(database, term, ToolArguments.OptionalInt(arguments, "limit"), cancellationToken));
        return RagToolText.Format(database, term, hits);
    }
}
