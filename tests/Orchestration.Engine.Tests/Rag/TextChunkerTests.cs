using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tests.Rag;

public sealed class TextChunkerTests
{
    private static string Sentence(int i) => $"Sentence number {i} says something about the topic at hand.";

    [Fact]
    public void A_short_text_is_one_chunk_with_its_paragraphs_unified()
    {
        var chunks = TextChunker.Chunk("  First paragraph.\r\nSame paragraph.  \r\n\r\n\r\n   \r\nSecond paragraph.\n");

        Assert.Equal("First paragraph.\nSame paragraph.\n\nSecond paragraph.", Assert.Single(chunks).TrimStart());
    }

    [Fact]
    public void Paragraphs_are_packed_whole_up_to_the_limit()
    {
        var paragraph = new string('a', 400);
        var chunks = TextChunker.Chunk(string.Join("\n\n", Enumerable.Repeat(paragraph, 5)));

        // 400 + 2 + 400 = 802 fits; a third would make 1,204.
        Assert.Equal([802, 802, 400], chunks.Select(c => c.Length));
        Assert.All(chunks, c => Assert.DoesNotContain("\n\na", c[..400], StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_paragraph_is_split_at_sentence_ends_with_an_overlap()
    {
        var paragraph = string.Join(' ', Enumerable.Range(1, 60).Select(Sentence));

        var chunks = TextChunker.Chunk(paragraph).ToList();

        Assert.True(chunks.Count >= 4, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, TextChunker.MaxChars));
        for (var i = 1; i < chunks.Count; i++)
        {
            // The next chunk starts with (part of) the last OverlapChars characters of the previous one ...
            Assert.Contains(chunks[i][..30], chunks[i - 1][^TextChunker.OverlapChars..], StringComparison.Ordinal);
        }
        // ... and apart from the overlaps every sentence appears once, in order.
        var firstAppearance = Enumerable.Range(1, 60).Select(i => chunks.FindIndex(c => c.Contains(Sentence(i), StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, firstAppearance);
        Assert.Equal(firstAppearance.Order(), firstAppearance);
    }

    [Fact]
    public void A_sentence_or_word_longer_than_a_chunk_is_still_cut_to_fit()
    {
        var word = new string('x', 2_500);
        var words = string.Join(' ', Enumerable.Repeat("word", 600));

        var fromWord = TextChunker.Chunk(word);
        var fromWords = TextChunker.Chunk(words);

        Assert.All(fromWord.Concat(fromWords), c => Assert.InRange(c.Length, 1, TextChunker.MaxChars));
        // A word cut hard has no word start to overlap from: the pieces are the word, in order.
        Assert.Equal(word, string.Concat(fromWord));
        Assert.True(fromWords.Count >= 3);
        Assert.All(fromWords, c => Assert.Matches("^word( word)*$", c));
    }

    [Fact]
    public void Whitespace_only_text_has_no_chunks()
    {
        Assert.Empty(TextChunker.Chunk(" \n\n \t \r\n"));
    }
}
