using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>Search over a small corpus embedded with the real all-MiniLM-L6-v2 model.</summary>
public sealed class RagSearchTests(MiniLmCorpus corpus) : IClassFixture<MiniLmCorpus>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IRagSearch Search => corpus.Harness.Search;

    [Fact]
    public async Task Semantic_search_finds_a_paraphrase_that_keyword_search_misses()
    {
        const string query = "How do I reset my password?";

        var semantic = await Search.SearchAsync("docs", query, 3, RagSearchMode.Semantic, Ct);
        var keyword = await Search.SearchAsync("docs", query, 3, RagSearchMode.Keyword, Ct);

        Assert.Equal(MiniLmCorpus.Recovery, semantic[0].Text);
        Assert.Equal(RagMatch.Semantic, semantic[0].Match);
        Assert.InRange(semantic[0].Score, 0.3, 1.0);
        Assert.True(semantic[0].Score > semantic[1].Score + 0.1, $"clear winner: {semantic[0].Score} vs {semantic[1].Score}");
        Assert.DoesNotContain(keyword, h => h.Text == MiniLmCorpus.Recovery);
    }

    [Fact]
    public async Task Semantic_results_are_best_first_and_capped_at_top_k()
    {
        var hits = await Search.SearchAsync("docs", "Which planet is the biggest one?", 4, RagSearchMode.Semantic, Ct);

        Assert.Equal(4, hits.Count);
        Assert.Equal("astronomy", hits[0].Source);
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
        Assert.All(hits, h => Assert.Equal(0, h.ChunkIndex));
    }

    [Fact]
    public async Task Keyword_search_finds_an_exact_identifier_with_a_snippet()
    {
        var hits = await Search.SearchAsync("docs", "ERR_QUOTA_42", null, RagSearchMode.Keyword, Ct);

        var hit = Assert.Single(hits);
        Assert.Equal(("errors", "QuotaError", RagMatch.Keyword), (hit.Source, hit.TypeName, hit.Match));
        Assert.StartsWith("**ERR_QUOTA_42** is raised", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hybrid_search_fuses_the_semantic_and_the_keyword_winner()
    {
        var hits = await Search.SearchAsync("docs", "reset my password ERR_QUOTA_42", 2, RagSearchMode.Hybrid, Ct);

        Assert.Equal([MiniLmCorpus.Quota, MiniLmCorpus.Recovery], hits.Select(h => h.Text).Order(StringComparer.Ordinal));
        Assert.All(hits, h => Assert.Equal(RagMatch.Hybrid, h.Match));
        // The keyword match carries its snippet; RRF scores are at most 2 / 61.
        Assert.NotNull(hits.Single(h => h.Text == MiniLmCorpus.Quota).Snippet);
        Assert.All(hits, h => Assert.InRange(h.Score, 1.0 / 200, 2.0 / 61));
    }

    [Fact]
    public async Task Lookup_finds_a_type_name_exactly_ignoring_case_then_exact_phrases()
    {
        var byType = await Search.LookupAsync("docs", "quotaerror", null, Ct);
        var byPhrase = await Search.LookupAsync("docs", "dispatches ready tasks", 5, Ct);
        var shuffled = await Search.LookupAsync("docs", "tasks ready dispatches", 5, Ct);

        Assert.Equal((RagMatch.TypeName, 1.0, "QuotaError"), (byType[0].Match, byType[0].Score, byType[0].TypeName));
        var phrase = Assert.Single(byPhrase);
        Assert.Equal(("Scheduler", RagMatch.Keyword), (phrase.TypeName, phrase.Match));
        Assert.Contains("**dispatches ready tasks**", phrase.Snippet, StringComparison.Ordinal);
        Assert.Empty(shuffled);
    }

    [Fact]
    public async Task A_database_with_no_file_yet_answers_with_no_hits_and_stays_uncreated()
    {
        foreach (var mode in Enum.GetValues<RagSearchMode>())
        {
            Assert.Empty(await Search.SearchAsync("notes", "anything at all", null, mode, Ct));
        }
        Assert.Empty(await Search.LookupAsync("notes", "Scheduler", null, Ct));
        Assert.False(File.Exists(Path.Combine(corpus.Harness.DataDir, "rag", "notes.db")));
    }

    [Theory]
    [InlineData(0, "top_k")]
    [InlineData(21, "top_k")]
    public async Task Top_k_outside_1_to_max_top_k_is_refused(int topK, string field)
    {
        var error = await Assert.ThrowsAsync<RagRequestException>(() => Search.SearchAsync("docs", "planet", topK, RagSearchMode.Keyword, Ct));

        Assert.Equal(field, error.Field);
        Assert.Contains("between 1 and 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_query_and_an_unknown_database_are_refused()
    {
        var empty = await Assert.ThrowsAsync<RagRequestException>(() => Search.SearchAsync("docs", "  ", null, RagSearchMode.Semantic, Ct));
        await Assert.ThrowsAsync<RagDatabaseNotFoundException>(() => Search.SearchAsync("nope", "planet", null, RagSearchMode.Semantic, Ct));
        await Assert.ThrowsAsync<RagDatabaseNotFoundException>(() => Search.LookupAsync("nope", "planet", null, Ct));

        Assert.Equal("query", empty.Field);
        Assert.Equal(["docs", "notes"], Search.Databases);
    }
}
