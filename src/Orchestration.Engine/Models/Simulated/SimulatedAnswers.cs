using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestration.Engine.Models.Simulated;

/// <summary>The simulated provider's answers for execution, verification and knowledge calls.</summary>
internal static partial class SimulatedAnswers
{
    private static readonly string[] Approaches =
    [
        "The work follows the plan's constraints and keeps every change small and reviewable.",
        "Existing conventions in the workspace were kept, and nothing outside the task's scope was touched.",
        "Edge cases named in the requirements were handled explicitly rather than left to defaults.",
    ];

    [GeneratedRegex(@"^\s*(?:#+\s*|\*\*?)?(?:Your\s+)?(?:Title|Task)\s*[:：]\s*(?<t>.+?)\**\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^\s*#+\s*(?<t>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    /// <summary>The task title: a "Title:", "Task:" or "Your task:" line, else the first markdown heading, else the first line.</summary>
    public static string TitleOf(string prompt)
    {
        var match = TitleLine().Match(prompt);
        if (!match.Success)
        {
            match = Heading().Match(prompt);
        }
        var title = match.Success
            ? match.Groups["t"].Value
            : prompt.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "the task";
        title = SimulatedMarkers.Strip(title);
        return title.Length > 100 ? title[..100] + "…" : title;
    }

    public static string Execution(string title, Random rng, string? toolSummary)
    {
        var tool = toolSummary is null ? "" : $"\n\n{toolSummary}";
        return $"## {title}\n\nCompleted \"{title}\". The deliverable is in place and matches the task description; " +
               $"each verification criterion was checked against the result before finishing.{tool}\n\n" +
               $"Approach: {Approaches[rng.Next(Approaches.Length)]} Decisions that later tasks depend on are stated " +
               "here so they can be carried forward.\n\n" +
               "Notes: no external service was required, and no open questions remain for this task.";
    }

    public static string Verification(string verdict, string title) => new JsonObject
    {
        ["verdict"] = verdict,
        ["notes"] = verdict switch
        {
            "gaps_found" => $"\"{title}\": the output does not yet show how the result was checked; add the check and its outcome.",
            "human_needed" => $"\"{title}\": the result depends on a judgement call that a person should confirm.",
            _ => $"\"{title}\": every verification criterion is met.",
        },
    }.ToJsonString();

    public static string Knowledge(string title, Random rng)
    {
        var findings = new JsonArray(new JsonObject
        {
            ["category"] = "discovery",
            ["content"] = $"{title}: the deliverable exists and later tasks can build on it as described in its output.",
        });
        if (rng.Next(2) == 0)
        {
            findings.Add(new JsonObject
            {
                ["category"] = "decision",
                ["content"] = $"{title}: kept to the conventions already present in the workspace.",
            });
        }
        return new JsonObject { ["findings"] = findings }.ToJsonString();
    }

    /// <summary>The findings chosen by [sim:finding: ...] markers, as discoveries.</summary>
    public static string Knowledge(IReadOnlyList<string> chosen) => new JsonObject
    {
        ["findings"] = new JsonArray([.. chosen.Select(text => (JsonNode)new JsonObject { ["category"] = "discovery", ["content"] = text })]),
    }.ToJsonString();

    /// <summary>Text that looks like an answer but is not valid JSON (malformed output).</summary>
    public static string Malformed(string purpose) =>
        $"Sure — here is the {purpose} result: {{\"verdict\": \"passed\", \"notes\": \"the output looks comp";

    /// <summary>Plausible arguments from a tool's JSON schema: its required properties (or all, when none is required).</summary>
    public static Dictionary<string, object?> ArgumentsFor(JsonElement schema, string title)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) ||
            properties.ValueKind != JsonValueKind.Object)
        {
            return arguments;
        }
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : null;
        foreach (var property in properties.EnumerateObject())
        {
            if (required is { Count: > 0 } && !required.Contains(property.Name))
            {
                continue;
            }
            var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
            arguments[property.Name] = type switch
            {
                "integer" or "number" => 5,
                "boolean" => true,
                "array" => Array.Empty<object>(),
                "object" => new Dictionary<string, object?>(),
                _ => StringArgument(property.Name, title),
            };
        }
        return arguments;
    }

    private static string StringArgument(string name, string title) => name.ToLowerInvariant() switch
    {
        var n when n.Contains("path") || n.Contains("file") => "notes/" + string.Concat(title.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(30)) + ".md",
        var n when n.Contains("content") || n.Contains("text") || n.Contains("body") => $"# {title}\n\nDraft written while working on this task.\n",
        var n when n.Contains("query") || n.Contains("prompt") || n.Contains("question") => title,
        var n when n.Contains("name") || n.Contains("type") => title.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "item",
        _ => title,
    };
}
