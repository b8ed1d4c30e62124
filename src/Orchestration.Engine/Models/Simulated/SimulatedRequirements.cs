using System.Text.RegularExpressions;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>One requirement of a planning request: its id (R1, R2, ...), its text and its simulation markers.</summary>
internal sealed record SimulatedRequirement(string Id, string Text, IReadOnlySet<string> Markers)
{
    /// <summary>The text without markers and ids, for titles.</summary>
    public string Plain => SimulatedMarkers.Strip(Text);
}

/// <summary>
/// Reads requirements the way the planner numbers them (docs/planning.md, Flow): paragraphs, each led by a [Rn] marker;
/// a paragraph may hold several [Rn] lines. A requirement ends at the next marker or blank line, so instructions after
/// the requirements are not taken for one. Without any [Rn] marker, every paragraph is a requirement.
/// </summary>
internal static partial class SimulatedRequirements
{
    [GeneratedRegex(@"\[R(?<n>\d+)\]")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex BlankLine();

    public static IReadOnlyList<SimulatedRequirement> Parse(string text)
    {
        var paragraphs = BlankLine().Split(text ?? "").Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var found = new List<SimulatedRequirement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var paragraph in paragraphs)
        {
            var ids = IdPattern().Matches(paragraph);
            for (var i = 0; i < ids.Count; i++)
            {
                var start = ids[i].Index + ids[i].Length;
                var end = i + 1 < ids.Count ? ids[i + 1].Index : paragraph.Length;
                var body = paragraph[start..end].Trim();
                var id = "R" + ids[i].Groups["n"].Value;
                if (body.Length > 0 && seen.Add(id))
                {
                    found.Add(new SimulatedRequirement(id, body, SimulatedMarkers.Find(body)));
                }
            }
        }
        if (found.Count > 0)
        {
            return found;
        }
        return [.. paragraphs.Select((p, i) => new SimulatedRequirement($"R{i + 1}", p, SimulatedMarkers.Find(p)))];
    }
}
