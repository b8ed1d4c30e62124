using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestration.Core.Planning;

/// <summary>
/// Splits requirements text into paragraphs (on blank lines) numbered R1, R2, ... A line that starts with an "[Rn]"
/// marker also starts a new requirement, so a list of "[R1] ...", "[R2] ..." lines is one requirement per line. A
/// requirement that starts with its own marker keeps that number (unless an earlier one took it); unmarked ones
/// continue after the highest number so far.
/// </summary>
public static partial class RequirementSplitter
{
    public static IReadOnlyList<Requirement> Split(string? text)
    {
        var result = new List<Requirement>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }
        var used = new HashSet<int>();
        var next = 1;
        var paragraphs = BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal)).SelectMany(p => MarkedLine().Split(p));
        foreach (var paragraph in paragraphs)
        {
            var body = paragraph.Trim();
            int? number = null;
            var marker = Marker().Match(body);
            if (marker.Success && int.TryParse(marker.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                body = body[marker.Length..].Trim();
                if (!used.Contains(n))
                {
                    number = n;
                }
            }
            if (body.Length == 0)
            {
                continue;
            }
            if (number is null)
            {
                while (used.Contains(next))
                {
                    next++;
                }
                number = next;
            }
            used.Add(number.Value);
            next = Math.Max(next, number.Value + 1);
            result.Add(new Requirement($"R{number}", body));
        }
        return result;
    }

    /// <summary>The requirements as the planner sees them: "[R1] text" paragraphs.</summary>
    public static string Render(IEnumerable<Requirement> requirements) =>
        string.Join("\n\n", requirements.Select(r => $"[{r.Id}] {r.Text}"));

    public static string ToJson(IReadOnlyList<Requirement> requirements) =>
        JsonSerializer.Serialize(requirements, PlanJson.Options);

    /// <summary>Reads numbering stored with a plan; an unreadable value yields no requirements rather than an error.</summary>
    public static IReadOnlyList<Requirement> FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<Requirement>>(json, PlanJson.Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    /// <summary>The break before a line that starts with an "[Rn]" marker.</summary>
    [GeneratedRegex(@"\n(?=[ \t]*\[\s*[Rr]\d{1,6}\s*\])")]
    private static partial Regex MarkedLine();

    [GeneratedRegex(@"^\[\s*[Rr](\d{1,6})\s*\]")]
    private static partial Regex Marker();
}
