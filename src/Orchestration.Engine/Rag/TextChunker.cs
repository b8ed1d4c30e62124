using System.Text;
using System.Text.RegularExpressions;

namespace Orchestration.Engine.Rag;

/// <summary>
/// Splits a document into chunks of at most <see cref="MaxChars"/> characters, paragraph-aware: paragraphs
/// (separated by blank lines) are packed whole into a chunk while they fit. A paragraph longer than a chunk is split
/// at sentence ends (then at spaces, then anywhere), and every piece after the first starts with the last
/// ~<see cref="OverlapChars"/> characters of the piece before it, so a sentence cut at a boundary keeps its context.
/// </summary>
/// <remarks>1,000 characters of English prose are about 200–250 word pieces, inside the 256-token window of
/// all-MiniLM-L6-v2; text past the window would not reach the embedding (it is still indexed for keyword search).</remarks>
internal static partial class TextChunker
{
    public const int MaxChars = 1_000;
    public const int OverlapChars = 150;
    private const string ParagraphBreak = "\n\n";

    public static IReadOnlyList<string> Chunk(string text)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in Paragraphs(text))
        {
            if (paragraph.Length > MaxChars)
            {
                Flush(current, chunks);
                chunks.AddRange(SplitLongParagraph(paragraph));
                continue;
            }
            if (current.Length > 0 && current.Length + ParagraphBreak.Length + paragraph.Length > MaxChars)
            {
                Flush(current, chunks);
            }
            if (current.Length > 0)
            {
                current.Append(ParagraphBreak);
            }
            current.Append(paragraph);
        }
        Flush(current, chunks);
        return chunks;
    }

    /// <summary>The paragraphs (split at blank lines) with line endings unified and trailing whitespace removed;
    /// leading indentation is kept (code).</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(p => p.TrimEnd().TrimStart('\n'))
            .Where(p => p.Trim().Length > 0);

    private static List<string> SplitLongParagraph(string paragraph)
    {
        // Each unit leaves room for the overlap and a joining space, so overlap + unit always fits in a chunk.
        var unitLimit = MaxChars - OverlapChars - 1;
        var pieces = new List<string>();
        var current = "";
        foreach (var unit in SentenceEnds().Split(paragraph).SelectMany(s => SplitToFit(s, unitLimit)))
        {
            var candidate = current.Length == 0 ? unit : current + " " + unit;
            if (candidate.Length <= MaxChars)
            {
                current = candidate;
                continue;
            }
            pieces.Add(current);
            var overlap = Tail(current);
            current = overlap.Length == 0 ? unit : overlap + " " + unit;
        }
        if (current.Length > 0)
        {
            pieces.Add(current);
        }
        return pieces;
    }

    /// <summary>A sentence longer than <paramref name="limit"/> split at spaces; a word longer than that cut hard.</summary>
    private static IEnumerable<string> SplitToFit(string sentence, int limit)
    {
        var current = new StringBuilder();
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > limit)
            {
                yield return current.ToString();
                current.Clear();
            }
            for (var start = 0; start < word.Length; start += limit)
            {
                var part = word.Substring(start, Math.Min(limit, word.Length - start));
                if (current.Length > 0 && current.Length + 1 + part.Length > limit)
                {
                    yield return current.ToString();
                    current.Clear();
                }
                current.Append(current.Length > 0 ? " " : "").Append(part);
            }
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>The last ~OverlapChars characters of <paramref name="piece"/>, starting at a word.</summary>
    private static string Tail(string piece)
    {
        if (piece.Length <= OverlapChars)
        {
            return "";
        }
        var start = piece.Length - OverlapChars;
        var space = piece.IndexOf(' ', start);
        return space < 0 || space == piece.Length - 1 ? "" : piece[(space + 1)..];
    }

    private static void Flush(StringBuilder current, List<string> chunks)
    {
        if (current.Length > 0)
        {
            chunks.Add(current.ToString());
            current.Clear();
        }
    }

    [GeneratedRegex(@"\n(?:[ \t]*\n)+")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"(?<=[.!?…])\s+")]
    private static partial Regex SentenceEnds();
}
