using System.Text.RegularExpressions;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>
/// The markers that steer the simulated provider onto a chosen path (docs/simulated-provider.md). They are read
/// from the last user message of a request; the simulated planner copies each requirement's markers into the
/// descriptions of the tasks that cover it.
/// </summary>
internal static partial class SimulatedMarkers
{
    public const string Gaps = "gaps";
    public const string GapsAlways = "gaps-always";
    public const string Human = "human";
    public const string Fail = "fail";
    public const string FailOnce = "fail-once";
    public const string BadJson = "bad-json";
    public const string Slow = "slow";

    [GeneratedRegex(@"\[sim:(?<name>[a-z\-]+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex MarkerPattern();

    public static HashSet<string> Find(string? text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(text))
        {
            foreach (Match match in MarkerPattern().Matches(text))
            {
                found.Add(match.Groups["name"].Value.ToLowerInvariant());
            }
        }
        return found;
    }

    // [sim:finding: TEXT]: the knowledge answer is TEXT (one finding per marker) instead of the generic findings.
    [GeneratedRegex(@"\[sim:finding:\s*(?<text>[^\]]+?)\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex FindingPattern();

    /// <summary>The texts of the [sim:finding: ...] markers in <paramref name="text"/>, in order, each once.</summary>
    public static IReadOnlyList<string> Findings(string? text) =>
        string.IsNullOrEmpty(text) ? [] : [.. FindingPattern().Matches(text).Select(m => m.Groups["text"].Value).Distinct(StringComparer.Ordinal)];

    public static string Strip(string text) => FindingPattern().Replace(MarkerPattern().Replace(text, ""), "").Trim();

    public static string RenderFindings(IEnumerable<string> findings) => string.Concat(findings.Select(f => $" [sim:finding: {f}]"));

    public static string Render(IEnumerable<string> markers) => string.Concat(markers.Order(StringComparer.Ordinal).Select(m => $" [sim:{m}]"));
}
