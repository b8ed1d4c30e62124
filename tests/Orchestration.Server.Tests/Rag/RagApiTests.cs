using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Rag;

/// <summary>/api/rag/databases on the real server with the embedded MiniLM model.</summary>
public sealed class RagApiTests(RagApp rag) : IClassFixture<RagApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object[] Guide =
    [
        new { source = "guide", text = "The scheduler dispatches ready tasks to free workers.", type_name = "Scheduler" },
        new { source = "guide", text = "Forgot your sign-in secret? Use the account recovery link on the login page." },
        new { source = "guide", text = "Budgets are reserved before each model call and settled after it." },
        new { source = "faq", text = "Invoices are emailed on the first day of each month.", metadata = new { lang = "en" } },
    ];

    private async Task<JsonElement> IngestGuideAsync()
    {
        var response = await rag.Admin.Client.PostJsonAsync("/api/rag/databases/docs/documents", new { documents = Guide });
        return await response.ReadJsonAsync();
    }

    private static JsonElement Database(JsonElement list, string name) =>
        list.EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Admins_ingest_idempotently_and_every_user_sees_the_counts()
    {
        var first = await IngestGuideAsync();
        var second = await IngestGuideAsync();
        var list = await (await rag.User.Client.GetAsync("/api/rag/databases", Ct)).ReadJsonAsync();
        var sources = await (await rag.User.Client.GetAsync("/api/rag/databases/docs/sources", Ct)).ReadJsonAsync();

        Assert.True(first.GetProperty("added").GetInt32() is 0 or 4, "added by this or an earlier test");
        Assert.Equal((0, 4, 0), (second.GetProperty("added").GetInt32(), second.GetProperty("skipped").GetInt32(), second.GetProperty("chunks").GetInt32()));
        var docs = Database(list, "docs");
        Assert.True(docs.GetProperty("exists").GetBoolean());
        Assert.Equal("ready", docs.GetProperty("index_status").GetString());
        Assert.Equal((4, 2), (docs.GetProperty("chunk_count").GetInt64(), docs.GetProperty("source_count").GetInt64()));
        Assert.True(docs.GetProperty("file_size_bytes").GetInt64() > 0);
        Assert.Equal(("minilm/all-MiniLM-L6-v2", 384), (docs.GetProperty("embedder").GetString(), docs.GetProperty("dimensions").GetInt32()));
        var expected = new[] { ("faq", 1L), ("guide", 3L) };
        Assert.Equal(expected, docs.GetProperty("sources").EnumerateArray().Select(s => (s.GetProperty("source").GetString()!, s.GetProperty("count").GetInt64())));
        Assert.Equal(expected, sources.EnumerateArray().Select(s => (s.GetProperty("source").GetString()!, s.GetProperty("count").GetInt64())));
    }

    [Fact]
    public async Task A_configured_database_that_was_never_written_is_listed_as_empty_without_a_file()
    {
        var list = await (await rag.User.Client.GetAsync("/api/rag/databases", Ct)).ReadJsonAsync();
        var hits = await (await rag.User.Client.PostJsonAsync("/api/rag/databases/empty/search", new { query = "anything" })).ReadJsonAsync();

        var empty = Database(list, "empty");
        Assert.False(empty.GetProperty("exists").GetBoolean());
        Assert.Equal("empty", empty.GetProperty("index_status").GetString());
        Assert.Equal((0, 0, 0), (empty.GetProperty("chunk_count").GetInt64(), empty.GetProperty("source_count").GetInt64(), empty.GetProperty("file_size_bytes").GetInt64()));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("embedder").ValueKind);
        Assert.Empty(empty.GetProperty("sources").EnumerateArray());
        Assert.Equal(0, hits.GetArrayLength());
        Assert.False(File.Exists(Path.Combine(rag.App.DataDir, "rag", "empty.db")));
    }

    [Fact]
    public async Task Documents_page_with_the_total_and_filter_by_source()
    {
        await IngestGuideAsync();

        var page1 = await (await rag.User.Client.GetAsync("/api/rag/databases/docs/documents?limit=2", Ct)).ReadJsonAsync();
        var page2 = await (await rag.User.Client.GetAsync("/api/rag/databases/docs/documents?limit=2&offset=2", Ct)).ReadJsonAsync();
        var past = await (await rag.User.Client.GetAsync("/api/rag/databases/docs/documents?offset=10", Ct)).ReadJsonAsync();
        var faq = await (await rag.User.Client.GetAsync("/api/rag/databases/docs/documents?source=faq", Ct)).ReadJsonAsync();

        Assert.Equal((4, 2), (page1.GetProperty("total").GetInt64(), page1.GetProperty("items").GetArrayLength()));
        Assert.Equal((4, 2), (page2.GetProperty("total").GetInt64(), page2.GetProperty("items").GetArrayLength()));
        Assert.Equal((4, 0), (past.GetProperty("total").GetInt64(), past.GetProperty("items").GetArrayLength()));
        var first = page1.GetProperty("items")[0];
        Assert.Equal(("Scheduler", "guide"), (first.GetProperty("type_name").GetString(), first.GetProperty("source").GetString()));
        Assert.Equal("The scheduler dispatches ready tasks to free workers.", first.GetProperty("text_preview").GetString());
        Assert.Equal(32, first.GetProperty("id").GetString()!.Length);
        var ids = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString());
        Assert.Equal(4, ids.Distinct().Count());
        var onlyFaq = Assert.Single(faq.GetProperty("items").EnumerateArray());
        Assert.Equal((1, "faq"), (faq.GetProperty("total").GetInt64(), onlyFaq.GetProperty("source").GetString()));
    }

    [Theory]
    [InlineData("semantic", "How can I get back into my account without the password?", "Forgot your sign-in secret?")]
    [InlineData("keyword", "scheduler", "The scheduler dispatches")]
    [InlineData("hybrid", "scheduler workers", "The scheduler dispatches")]
    public async Task Search_returns_hits_best_first_in_every_mode(string mode, string query, string expectedStart)
    {
        await IngestGuideAsync();

        var hits = await (await rag.User.Client.PostJsonAsync("/api/rag/databases/docs/search", new { query, mode, top_k = 2 })).ReadJsonAsync();

        Assert.InRange(hits.GetArrayLength(), 1, 2);
        var best = hits[0];
        Assert.StartsWith(expectedStart, best.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("guide", best.GetProperty("source").GetString());
        Assert.Equal(mode, best.GetProperty("match").GetString());
        Assert.Equal(32, best.GetProperty("id").GetString()!.Length);
        var scores = hits.EnumerateArray().Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Search_defaults_to_semantic_with_default_top_k()
    {
        await IngestGuideAsync();

        var hits = await (await rag.User.Client.PostJsonAsync("/api/rag/databases/docs/search", new { query = "paying the monthly bill" })).ReadJsonAsync();

        Assert.Equal(3, hits.GetArrayLength());
        Assert.Equal(("faq", "semantic"), (hits[0].GetProperty("source").GetString(), hits[0].GetProperty("match").GetString()));
        Assert.Equal(JsonValueKind.Null, hits[0].GetProperty("type_name").ValueKind);
    }

    [Fact]
    public async Task Only_admins_ingest_and_anonymous_callers_are_refused()
    {
        var asUser = await rag.User.Client.PostJsonAsync("/api/rag/databases/docs/documents", new { documents = Guide });
        using var anonymous = rag.App.CreateClient();

        await asUser.AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync("/api/rag/databases", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostJsonAsync("/api/rag/databases/docs/search", new { query = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_database_is_a_404_problem_everywhere()
    {
        await (await rag.User.Client.GetAsync("/api/rag/databases/nope/sources", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "'nope'");
        await (await rag.User.Client.GetAsync("/api/rag/databases/nope/documents", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "'nope'");
        await (await rag.User.Client.PostJsonAsync("/api/rag/databases/nope/search", new { query = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "'nope'");
        await (await rag.Admin.Client.PostJsonAsync("/api/rag/databases/nope/documents", new { documents = Guide })).AssertProblemAsync(HttpStatusCode.NotFound, "'nope'");
    }

    public static TheoryData<string, string> BadSearches => new()
    {
        { """{"query":"x","top_k":0}""", "top_k" },
        { """{"query":"x","top_k":6}""", "top_k" },
        { """{"query":"x","mode":"fuzzy"}""", "mode" },
        { """{"query":"   "}""", "query" },
        { """{"top_k":2}""", "query" },
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task Bad_searches_are_422_problems_naming_the_field(string body, string field)
    {
        var response = await rag.User.Client.SendRawAsync(HttpMethod.Post, "/api/rag/databases/docs/search", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    public static TheoryData<string, string> BadIngests => new()
    {
        { """{}""", "documents" },
        { """{"documents":[]}""", "documents" },
        { """{"documents":[{"source":"s","text":""}]}""", "documents[0].text" },
        { """{"documents":[{"source":"s","text":"ok"},{"text":"no source"}]}""", "documents[1].source" },
        { """{"documents":[{"source":"s","text":"ok","metadata":"not an object"}]}""", "documents[0].metadata" },
    };

    [Theory]
    [MemberData(nameof(BadIngests))]
    public async Task Bad_ingests_are_422_problems_naming_the_field(string body, string field)
    {
        var response = await rag.Admin.Client.SendRawAsync(HttpMethod.Post, "/api/rag/databases/empty/documents", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False(File.Exists(Path.Combine(rag.App.DataDir, "rag", "empty.db")));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Bad_paging_is_a_422_problem(string query, string field)
    {
        var response = await rag.User.Client.GetAsync($"/api/rag/databases/docs/documents?{query}", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_embeddings_service_is_listed_online()
    {
        var service = await (await rag.User.Client.GetAsync("/api/services/embeddings?refresh=true", Ct)).ReadJsonAsync();

        Assert.Equal(("online", "embedded model"), (service.GetProperty("status").GetString(), service.GetProperty("method").GetString()));
        Assert.Equal(384, service.GetProperty("details").GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task Admins_reindex_a_source_by_path_and_delete_documents_and_sources()
    {
        const string url = "/api/rag/databases/docs/sources/manual/setup.md";
        var put = (object[] texts) => rag.Admin.Client.SendRawAsync(HttpMethod.Put, url, JsonSerializer.Serialize(new { documents = texts }));

        var first = await (await put([new { text = "Install the server." }, new { text = "Open port 8080.", type_name = "Port" }])).ReadJsonAsync();
        var second = await (await put([new { text = "Install the server." }, new { text = "Open port 9090.", type_name = "Port" }])).ReadJsonAsync();
        var listed = await (await rag.User.Client.GetAsync("/api/rag/databases/docs/documents?source=manual/setup.md", Ct)).ReadJsonAsync();
        var hits = await (await rag.User.Client.PostJsonAsync("/api/rag/databases/docs/search", new { query = "8080", mode = "keyword" })).ReadJsonAsync();
        var stranger = await rag.User.Client.SendRawAsync(HttpMethod.Put, url, """{"documents": []}""");
        var install = listed.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("text_preview").GetString() == "Install the server.");
        var deleted = await rag.Admin.Client.DeleteAsync($"/api/rag/databases/docs/documents/{install.GetProperty("id").GetString()}", Ct);
        var again = await rag.Admin.Client.DeleteAsync($"/api/rag/databases/docs/documents/{install.GetProperty("id").GetString()}", Ct);
        var source = await (await rag.Admin.Client.DeleteAsync(url, Ct)).ReadJsonAsync();
        var gone = await rag.Admin.Client.DeleteAsync(url, Ct);

        Assert.Equal(("manual/setup.md", 2, 0, 0), (first.GetProperty("source").GetString(), first.GetProperty("added").GetInt32(),
            first.GetProperty("unchanged").GetInt32(), first.GetProperty("removed").GetInt32()));
        Assert.Equal((1, 1, 1, 1, 1), (second.GetProperty("added").GetInt32(), second.GetProperty("unchanged").GetInt32(),
            second.GetProperty("removed").GetInt32(), second.GetProperty("chunks_added").GetInt32(), second.GetProperty("chunks_removed").GetInt32()));
        Assert.Equal(2, listed.GetProperty("total").GetInt64());
        Assert.Empty(hits.EnumerateArray());
        await stranger.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal((1, 1), (source.GetProperty("removed").GetInt32(), source.GetProperty("chunks_removed").GetInt32()));
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "manual/setup.md");
    }

    [Fact]
    public async Task A_reindex_naming_another_source_in_a_document_is_a_422()
    {
        var response = await rag.Admin.Client.SendRawAsync(HttpMethod.Put, "/api/rag/databases/empty/sources/a",
            """{"documents": [{"source": "b", "text": "x"}]}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("documents[0].source", out _), problem.ToString());
    }
}
