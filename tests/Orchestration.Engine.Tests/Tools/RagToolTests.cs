using System.Text.Json;
using Orchestration.Engine.Rag;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Tools.Files;
using Orchestration.Engine.Tools.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Tools;

/// <summary>The knowledge-database tools' arguments, results and refusals, over a hand-written search.</summary>
public sealed class RagToolTests
{
    private sealed class FakeSearch : IRagSearch
    {
        public List<(string Database, string Query, int? TopK, RagSearchMode Mode)> Searches { get; } = [];

        public IReadOnlyList<string> Databases => ["docs", "api"];

        public Task<IReadOnlyList<RagHit>> SearchAsync(string database, string query, int? topK, RagSearchMode mode, CancellationToken cancellationToken)
        {
            Searches.Add((database, query, topK, mode));
            return database == "missing"
                ? throw new RagDatabaseNotFoundException(database)
                : Task.FromResult<IReadOnlyList<RagHit>>(query == "nothing" ? [] :
                    [new RagHit("d1", 0, "guide.md", "Guide", "Dates are ISO 8601.", 0.91234, RagMatch.Hybrid, null)]);
        }

        public Task<IReadOnlyList<RagHit>> LookupAsync(string database, string term, int? limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<RagHit>>([new RagHit("d2", 3, "types.cs", "Invoice", $"class {term} {{ }}", 1, RagMatch.TypeName, null)]);
    }

    private static readonly ToolInvocation Invocation = new("p", "t", new ProjectWorkspace(Path.GetTempPath(), "p"));

    private static Dictionary<string, object?> Args(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    [Fact]
    public async Task Search_knowledge_passes_its_arguments_and_lists_the_hits_best_first()
    {
        var search = new FakeSearch();
        var tool = new SearchKnowledgeTool(search);

        var result = await tool.InvokeAsync(Invocation, Args("""{"query":"date format","database":"api","top_k":3,"mode":"keyword"}"""), CancellationToken.None);
        var none = await tool.InvokeAsync(Invocation, Args("""{"query":"nothing"}"""), CancellationToken.None);

        Assert.Equal([("api", "date format", (int?)3, RagSearchMode.Keyword), ("docs", "nothing", null, RagSearchMode.Hybrid)], search.Searches);
        Assert.Equal("1 result from 'api', best first:\n\n[1] guide.md (Guide) score 0.912\nDates are ISO 8601.", result);
        Assert.Equal("No results for 'nothing' in the 'docs' knowledge database.", none);
        Assert.Equal(["docs", "api"], tool.ParametersSchema.GetProperty("properties").GetProperty("database").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Bad_arguments_and_unknown_databases_are_tool_errors()
    {
        var tool = new SearchKnowledgeTool(new FakeSearch());

        var missing = await Assert.ThrowsAsync<ToolException>(() => tool.InvokeAsync(Invocation, Args("""{"query":"x","database":"missing"}"""), CancellationToken.None));
        var mode = await Assert.ThrowsAsync<ToolException>(() => tool.InvokeAsync(Invocation, Args("""{"query":"x","mode":"fuzzy"}"""), CancellationToken.None));
        var topK = await Assert.ThrowsAsync<ToolException>(() => tool.InvokeAsync(Invocation, Args("""{"query":"x","top_k":"many"}"""), CancellationToken.None));
        var query = await Assert.ThrowsAsync<ToolException>(() => tool.InvokeAsync(Invocation, Args("{}"), CancellationToken.None));

        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
        Assert.Contains("semantic, keyword or hybrid", mode.Message, StringComparison.Ordinal);
        Assert.Contains("whole number", topK.Message, StringComparison.Ordinal);
        Assert.Contains("'query' argument is required", query.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookup_type_finds_the_type_by_name()
    {
        var result = await new LookupTypeTool(new FakeSearch()).InvokeAsync(Invocation, Args("""{"term":"Invoice","limit":2}"""), CancellationToken.None);

        Assert.Contains("[1] types.cs (Invoice) score 1\nclass Invoice { }", result, StringComparison.Ordinal);
    }
}
