using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestration.Engine.Models.Simulated;

internal static partial class SimulatedPlanWriter
{
    private static readonly (string Type, string[] Words)[] TypeWords =
    [
        ("documentation", ["document", "readme", "run.md", ".md", "explain", "summar", "guide", "instructions"]),
        ("research", ["research", "investigate", "compare", "find out", "survey", "evaluate"]),
        ("asset", ["image", "logo", "icon", "picture", "illustration", "asset"]),
        ("integration", ["api", "integrat", "webhook", "connect", "endpoint", "deploy"]),
        ("analysis", ["analy", "measure", "report on", "assess", "review"]),
    ];

    private static readonly Dictionary<string, string[]> ToolsByType = new()
    {
        ["code"] = ["read_file", "write_file"],
        ["research"] = ["search_knowledge", "local_llm"],
        ["analysis"] = ["read_file", "search_knowledge"],
        ["asset"] = ["generate_image"],
        ["integration"] = ["read_file", "write_file", "lookup_type"],
        ["documentation"] = ["write_file"],
    };

    [GeneratedRegex(@"\b[\w\-/]+\.(py|md|cs|ts|tsx|js|json|txt|html|css|ya?ml|sh|toml|sql|png|svg)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonSlug();

    private static JsonObject TaskFor(SimulatedRequirement requirement, int index, Random rng)
    {
        var plain = requirement.Plain;
        var type = TypeOf(plain, rng);
        var complexity = plain.Length switch
        {
            < 60 => rng.Next(4) == 0 ? "medium" : "simple",
            < 200 => rng.Next(4) == 0 ? "complex" : "medium",
            _ => "complex",
        };
        // Task 0 is the review; build task i is global index i + 1. Every other build task builds on the one before.
        int[] dependsOn = index > 0 && (index % 2 == 1 || rng.Next(2) == 0) ? [0, index] : [0];
        var summary = Summary(plain);
        var files = FileName().Matches(plain).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            var slug = Slug(summary);
            files = [type switch
            {
                "documentation" or "research" or "analysis" => $"docs/{slug}.md",
                "asset" => $"assets/{slug}.png",
                _ => $"src/{slug.Replace('-', '_')}.py",
            }];
        }
        var description = $"{plain}\n\nDeliver this in {string.Join(", ", files)}. Covers {requirement.Id}." +
                          SimulatedMarkers.Render(requirement.Markers) + SimulatedMarkers.RenderFindings(SimulatedMarkers.Findings(requirement.Text));
        return Task($"{Verb(type)} {summary}", description, type, complexity, dependsOn, ToolsByType[type], [requirement.Id],
            $"The output fully addresses {requirement.Id}: {summary.TrimEnd('…')}.", files);
    }

    private static string TypeOf(string text, Random rng)
    {
        var lower = text.ToLowerInvariant();
        foreach (var (type, words) in TypeWords)
        {
            if (words.Any(lower.Contains))
            {
                return type;
            }
        }
        return rng.Next(5) == 0 ? "integration" : "code";
    }

    private static string Verb(string type) => type switch
    {
        "documentation" => "Document:",
        "research" => "Research:",
        "asset" => "Create asset:",
        "integration" => "Integrate:",
        "analysis" => "Analyse:",
        _ => "Implement:",
    };

    /// <summary>The first eight words, without a leading list dash.</summary>
    internal static string Summary(string text)
    {
        var words = text.TrimStart('-', '*', ' ').Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var summary = string.Join(' ', words.Take(8)).TrimEnd('.', ',', ';', ':');
        return words.Length > 8 ? summary + "…" : summary;
    }

    private static string Slug(string text)
    {
        var slug = NonSlug().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "deliverable" : slug[..Math.Min(slug.Length, 40)].TrimEnd('-');
    }

    private static JsonArray OpenQuestions(IReadOnlyList<SimulatedRequirement> requirements) =>
    [
        new JsonObject
        {
            ["question"] = $"Which runtime and version should \"{Summary(requirements[0].Plain)}\" target?",
            ["proposed_answer"] = "The current stable release available in the workspace.",
            ["impact"] = "low",
        },
        new JsonObject
        {
            ["question"] = "May existing files in the workspace be overwritten?",
            ["proposed_answer"] = "No: new files only; existing ones are changed only where a requirement says so.",
            ["impact"] = "medium",
        },
    ];

    private static JsonArray Risks(IReadOnlyList<SimulatedRequirement> requirements) =>
    [
        new JsonObject
        {
            ["risk"] = $"\"{Summary(requirements[^1].Plain)}\" is ambiguous and may be built differently than intended.",
            ["likelihood"] = "medium",
            ["impact"] = "high",
            ["mitigation"] = "The review task lists the assumptions; the summary states them so they can be checked.",
        },
        new JsonObject
        {
            ["risk"] = "A later task relies on an earlier output that changes.",
            ["likelihood"] = "low",
            ["impact"] = "medium",
            ["mitigation"] = "Dependencies are explicit, and the tests run after every build task.",
        },
    ];
}
