using System.Text;
using System.Text.RegularExpressions;

namespace Orchestration.Core.Knowledge;

/// <summary>Which screening rule held a finding back.</summary>
public enum ScreenRule { Instruction, Secret, Url }

/// <summary>One rule that matched, with a reason a person can read (never the secret itself).</summary>
public sealed record ScreenHit(ScreenRule Rule, string Reason);

/// <summary>
/// The screen of execution.knowledge_policy "screen": a finding is injected into every later prompt of its project, so
/// one that reads like an instruction to the model, carries a secret, or points at something to fetch waits for a
/// person instead. Pure and deterministic; the rules err towards holding (a person then accepts with one click).
/// </summary>
public static partial class KnowledgeScreen
{
    private const int MaxQuoted = 60;

    /// <summary>Every rule that matches <paramref name="text"/>, secrets first; empty when the finding is fine.</summary>
    public static IReadOnlyList<ScreenHit> Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var plain = Flatten(text);
        var hits = new List<ScreenHit>();
        if (SecretKind(plain) is { } secret)
        {
            hits.Add(new ScreenHit(ScreenRule.Secret, $"secret: looks like {secret}"));
        }
        if (FirstMatch(plain, Instructions) is { } instruction)
        {
            hits.Add(new ScreenHit(ScreenRule.Instruction, $"instruction: reads like an instruction to the model (\"{Quote(instruction)}\")"));
        }
        if (FirstMatch(plain, Fetches) is { } fetch)
        {
            hits.Add(new ScreenHit(ScreenRule.Url, $"url: points at something to fetch (\"{Quote(fetch)}\")"));
        }
        return hits;
    }

    /// <summary>The reasons of <see cref="Check"/> as one line (the stored screen_reason), or null when nothing matched.</summary>
    public static string? Reason(string? text) => Check(text) is { Count: > 0 } hits ? string.Join("; ", hits.Select(h => h.Reason)) : null;

    /// <summary>Zero-width and other format characters removed, whitespace runs as one space, so "ig\u200Bnore" and line
    /// breaks cannot split a phrase.</summary>
    private static string Flatten(string text)
    {
        var flat = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.GetUnicodeCategory(ch) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }
            if (char.IsWhiteSpace(ch))
            {
                space = flat.Length > 0;
                continue;
            }
            if (space)
            {
                flat.Append(' ');
                space = false;
            }
            flat.Append(ch);
        }
        return flat.ToString();
    }

    private static string? FirstMatch(string text, IEnumerable<Regex> patterns) =>
        patterns.Select(p => p.Match(text)).FirstOrDefault(m => m.Success)?.Value;

    private static string Quote(string matched) => matched.Length <= MaxQuoted ? matched : matched[..MaxQuoted] + "…";
}
