namespace Orchestration.Core.Tests.Planning;

/// <summary>How <see cref="AnyDamage"/> cases damage a plan's text.</summary>
internal static partial class PlanGen
{
    /// <summary>Damages the text of a plan as a model's answer may be damaged.</summary>
    public static string Apply(string text, TextDamage d)
    {
        var length = Math.Max(1, text.Length);
        switch (d.Kind)
        {
            case 0: // cut off
                return text[..(d.A % length)];
            case 1: // in prose or fences
                return (d.B % 4) switch
                {
                    0 => "Here is the plan:\n```json\n" + text + "\n```\nLet me know.",
                    1 => "Sure! " + text + " Hope this helps {",
                    2 => "```json\n" + text,
                    _ => "```\nnot json {\n```\n```JSON\n" + text + "\n```",
                };
            case 2: // a trailing comma before a closing bracket
                return InsertBeforeNth(text, c => c is '}' or ']', d.A, ",");
            case 3: // a comment
                return InsertAfterNth(text, c => c == '{', d.A, d.B % 2 == 0 ? "/* note */" : "// note\n");
            case 4: // a key twice
                return d.B % 2 == 0
                    ? InsertAfterNth(text, c => c == '{', 0, "\"summary\":\"again\",")
                    : InsertAt(text, "\"title\":", d.A, "\"title\":\"again\",");
            case 5: // an escape that is no character (a lone surrogate)
                return InsertAt(text, "\"title\":\"", d.A, d.B % 2 == 0 ? "\\ud800" : "\\udc00", after: true);
            case 6: // nesting beyond any reader's depth
                var depth = 10 + (d.B % 300);
                return InsertAfterNth(text, c => c == '{', d.A, "\"deep\":" + new string('[', depth) + new string(']', depth) + ",");
            case 7: // a character replaced by JSON punctuation
                const string Noise = "{}[]\",:0123456789-tnfx \\";
                var chars = text.ToCharArray();
                if (chars.Length > 0)
                {
                    chars[d.A % chars.Length] = Noise[d.B % Noise.Length];
                }
                return new string(chars);
            case 8: // something before the plan
                return (d.B % 4) switch
                {
                    0 => "\uFEFF" + text,
                    1 => "\u0000" + text,
                    2 => "null " + text,
                    _ => "[] " + text,
                };
            default: // unclosed braces in prose first
                return string.Concat(Enumerable.Repeat("{ ", 1 + (d.B % 30))) + "then " + text;
        }
    }

    private static string InsertBeforeNth(string text, Func<char, bool> match, int n, string insert)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => match(text[i])).ToList();
        return positions.Count == 0 ? text : text.Insert(positions[n % positions.Count], insert);
    }

    private static string InsertAfterNth(string text, Func<char, bool> match, int n, string insert)
    {
        var positions = Enumerable.Range(0, text.Length).Where(i => match(text[i])).ToList();
        return positions.Count == 0 ? text : text.Insert(positions[n % positions.Count] + 1, insert);
    }

    private static string InsertAt(string text, string marker, int n, string insert, bool after = false)
    {
        var positions = new List<int>();
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + 1, StringComparison.Ordinal))
        {
            positions.Add(i);
        }
        if (positions.Count == 0)
        {
            return text;
        }
        var at = positions[n % positions.Count];
        return text.Insert(after ? at + marker.Length : at, insert);
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"… ({text.Length} characters)";
}
