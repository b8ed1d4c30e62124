using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestration.Core.Planning;

/// <summary>
/// Finds the plan object in a model's answer: inside ```json fences or surrounded by prose, the first balanced
/// object that parses (one that looks like a plan preferred), tolerating trailing commas and comments.
/// </summary>
public static partial class PlanParser
{
    // NOTE: an unclosed '{' in prose makes every later scan run to the end; cap the retries so input
    // full of stray braces stays linear.
    private const int MaxUnclosedStarts = 16;

    public static PlanParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new PlanParseResult(null, "The answer is empty: expected a JSON plan object.");
        }
        var candidates = Fence().Matches(text).Select(m => m.Groups["body"].Value).Append(text);
        string? firstError = null;
        foreach (var candidate in candidates)
        {
            var (found, error) = FirstObject(candidate);
            if (found is not null)
            {
                return new PlanParseResult(found, null);
            }
            firstError ??= error;
        }
        return new PlanParseResult(null, firstError ?? "The answer contains no JSON object: expected a JSON plan object.");
    }

    private static (JsonObject? Found, string? Error) FirstObject(string text)
    {
        JsonObject? firstObject = null;
        string? error = null;
        var unclosed = 0;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = MatchingBrace(text, start);
            if (end < 0)
            {
                error ??= $"The JSON object starting at character {start} is never closed: the answer looks truncated.";
                if (++unclosed > MaxUnclosedStarts)
                {
                    break;
                }
                start = text.IndexOf('{', start + 1);
                continue;
            }
            try
            {
                if (JsonNode.Parse(text.AsSpan(start, end - start + 1).ToString(), documentOptions: PlanJson.DocumentOptions) is JsonObject obj)
                {
                    if (PlanJson.FindUnreadable(obj) is { } unreadable)
                    {
                        var what = unreadable.Path.Length == 0 ? "the object" : unreadable.Path;
                        error ??= $"The JSON object starting at character {start} cannot be read: {what} {unreadable.Problem}";
                        start = text.IndexOf('{', end + 1);
                        continue;
                    }
                    // After an unclosed '{' every object may be a piece of a truncated plan (a phase, a task):
                    // only a whole plan, with its summary, counts then.
                    if (unclosed == 0 ? LooksLikePlan(obj) : obj.ContainsKey("summary"))
                    {
                        return (obj, null);
                    }
                    if (unclosed == 0)
                    {
                        firstObject ??= obj;
                    }
                }
                start = text.IndexOf('{', end + 1);
            }
            catch (JsonException ex)
            {
                error ??= $"The JSON object starting at character {start} is not valid JSON: {ex.Message}";
                start = text.IndexOf('{', end + 1);
            }
        }
        return firstObject is not null ? (firstObject, null) : (null, error);
    }

    private static bool LooksLikePlan(JsonObject obj) =>
        obj.ContainsKey("tasks") || obj.ContainsKey("phases") || obj.ContainsKey("summary");

    /// <summary>The index of the brace closing the one at <paramref name="start"/>, skipping strings; -1 if none.</summary>
    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when --depth == 0:
                    return i;
            }
        }
        return -1;
    }

    // A fenced block (```json, ```JSON or a bare ```); the closing fence may be missing when the answer was cut off.
    [GeneratedRegex(@"```[ \t]*(?:json|JSON|javascript)?[ \t]*\r?\n(?<body>.*?)(?:```|\z)", RegexOptions.Singleline)]
    private static partial Regex Fence();
}
