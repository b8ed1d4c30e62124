using System.Text.RegularExpressions;

namespace Orchestration.Storage.Rag;

/// <summary>
/// Builds FTS5 MATCH expressions from free text. Every word is quoted, so user input can never be read as FTS5
/// syntax (operators, column filters, unbalanced quotes); words are runs of letters, digits and '_'.
/// </summary>
public static partial class FtsQuery
{
    /// <summary>At most this many distinct words are used; the rest of a long query is ignored.</summary>
    public const int MaxTerms = 32;

    /// <summary>Any of the words (OR; bm25 ranks chunks matching more and rarer words first); null without words.</summary>
    public static string? AnyTerm(string text)
    {
        var words = Words(text);
        return words.Count == 0 ? null : string.Join(" OR ", words.Select(w => $"\"{w}\""));
    }

    /// <summary>All the words next to each other in this order (an FTS5 phrase); null without words.</summary>
    public static string? Phrase(string text)
    {
        var words = Word().Matches(text).Select(m => m.Value).Take(MaxTerms).ToList();
        return words.Count == 0 ? null : $"\"{string.Join(' ', words)}\"";
    }

    private static List<string> Words(string text) =>
        Word().Matches(text).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex Word();
}
