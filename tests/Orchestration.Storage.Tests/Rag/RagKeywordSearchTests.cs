using Orchestration.Storage.Rag;

namespace Orchestration.Storage.Tests.Rag;

/// <summary>FTS5 over the chunks: porter stemming, bm25 ranking, snippets, exact type names, safe query building.</summary>
public sealed class RagKeywordSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<RagStoreFixture> SeededAsync()
    {
        var fixture = new RagStoreFixture();
        await fixture.Store.AddAsync("docs", RagStoreFixture.Stamp,
        [
            RagStoreFixture.Document("engine", "The scheduler dispatches ready tasks to free workers as soon as dependencies complete."),
            RagStoreFixture.Document("engine", "Budget reservations are settled after each model call; the scheduler never waits for them."),
            RagStoreFixture.Document("engine", "Running several workers in parallel needs a shared budget ledger."),
            RagStoreFixture.Document("api", "PlayerController moves the player; see also CameraRig.", "PlayerController"),
            RagStoreFixture.Document("api", "The camera follows whatever the PlayerController possesses.", "CameraRig"),
            RagStoreFixture.Document("misc", "Unrelated notes about gardening and tomatoes."),
        ], Ct);
        return fixture;
    }

    [Fact]
    public async Task Chunks_with_more_and_rarer_query_words_rank_first()
    {
        await using var fixture = await SeededAsync();

        var hits = await fixture.Store.SearchKeywordsAsync("docs", FtsQuery.AnyTerm("scheduler dispatches tasks")!, 10, Ct);

        Assert.Equal(2, hits.Count);
        Assert.StartsWith("The scheduler dispatches", hits[0].Chunk.Text, StringComparison.Ordinal);
        Assert.StartsWith("Budget reservations", hits[1].Chunk.Text, StringComparison.Ordinal);
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Contains("**scheduler**", hits[0].Snippet, StringComparison.Ordinal);
        Assert.Contains("**dispatches**", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_porter_stemmer_matches_other_forms_of_a_word()
    {
        await using var fixture = await SeededAsync();

        var hits = await fixture.Store.SearchKeywordsAsync("docs", FtsQuery.AnyTerm("run")!, 10, Ct);

        Assert.StartsWith("Running several workers", Assert.Single(hits).Chunk.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_match_in_the_type_name_outranks_a_mention_in_the_text()
    {
        await using var fixture = await SeededAsync();

        var hits = await fixture.Store.SearchKeywordsAsync("docs", FtsQuery.AnyTerm("CameraRig")!, 10, Ct);

        Assert.Equal(["CameraRig", "PlayerController"], hits.Select(h => h.Chunk.TypeName));
    }

    [Fact]
    public async Task Type_names_are_found_exactly_ignoring_case()
    {
        await using var fixture = await SeededAsync();

        var exact = await fixture.Store.FindByTypeNameAsync("docs", "playercontroller", 10, Ct);
        var partial = await fixture.Store.FindByTypeNameAsync("docs", "Player", 10, Ct);

        Assert.Equal("PlayerController", Assert.Single(exact).TypeName);
        Assert.Empty(partial);
    }

    [Theory]
    [InlineData("\"scheduler unbalanced")]
    [InlineData("scheduler AND OR NOT")]
    [InlineData("type_name:scheduler")]
    [InlineData("NEAR(scheduler budget) *")]
    [InlineData("-scheduler + (budget")]
    public async Task Query_text_is_never_read_as_FTS5_syntax(string query)
    {
        await using var fixture = await SeededAsync();

        var hits = await fixture.Store.SearchKeywordsAsync("docs", FtsQuery.AnyTerm(query)!, 10, Ct);

        Assert.NotEmpty(hits);
    }

    [Fact]
    public void Queries_without_words_build_no_expression_and_phrases_keep_word_order()
    {
        Assert.Null(FtsQuery.AnyTerm(" ?! -- "));
        Assert.Null(FtsQuery.Phrase("***"));
        Assert.Equal("\"budget\" OR \"Ledger\"", FtsQuery.AnyTerm("budget, Ledger budget!"));
        Assert.Equal("\"shared budget ledger\"", FtsQuery.Phrase("shared (budget) ledger"));
    }

    [Fact]
    public async Task A_phrase_matches_only_the_words_next_to_each_other()
    {
        await using var fixture = await SeededAsync();

        var phrase = await fixture.Store.SearchKeywordsAsync("docs", FtsQuery.Phrase("shared budget ledger")!, 10, Ct);
        var reversed = await fixture.Store.SearchKeywordsAsync("docs", FtsQuery.Phrase("ledger budget shared")!, 10, Ct);

        Assert.StartsWith("Running several workers", Assert.Single(phrase).Chunk.Text, StringComparison.Ordinal);
        Assert.Empty(reversed);
    }
}
