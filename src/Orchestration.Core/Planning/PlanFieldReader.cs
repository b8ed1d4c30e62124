using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestration.Core.Planning;

/// <summary>Typed reads of plan fields that record a problem (by JSON path) instead of throwing.</summary>
internal static class PlanFieldReader
{
    public static string Path(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    public static string KindOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "an unknown value",
    };

    /// <summary>A string field; null when absent (a problem if <paramref name="required"/>) or of the wrong type.</summary>
    public static string? String(JsonObject obj, string key, string path, ValidationErrors errors, bool required, int maxLength)
    {
        var node = obj[key];
        var at = Path(path, key);
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(at, "is required.");
            }
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(at, $"must be a string, not {KindOf(node)}.");
            return null;
        }
        var value = node.GetValue<string>().Trim();
        if (required && value.Length == 0)
        {
            errors.Add(at, "must not be empty.");
            return null;
        }
        if (TextProblem(value, maxLength) is { } problem)
        {
            errors.Add(at, problem);
            return null;
        }
        return value;
    }

    /// <summary>Why a text cannot be stored as it is, or null: over <paramref name="maxLength"/>, or holding the NUL
    /// character, which PostgreSQL's text columns refuse (a plan's texts become task rows at approval).</summary>
    public static string? TextProblem(string value, int maxLength) =>
        value.Length > maxLength ? $"is {value.Length} characters long; at most {maxLength} are allowed."
        : value.Contains('\0', StringComparison.Ordinal) ? "must not contain the NUL character (\\u0000)."
        : null;

    /// <summary>A list of non-empty strings without duplicates; null when absent or null.</summary>
    public static List<string>? StringList(JsonObject obj, string key, string path, ValidationErrors errors, int maxItems, int maxLength)
    {
        var at = Path(path, key);
        if (Array(obj, key, at, errors) is not { } array)
        {
            return null;
        }
        if (array.Count > maxItems)
        {
            errors.Add(at, $"has {array.Count} items; at most {maxItems} are allowed.");
            return null;
        }
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (item?.GetValueKind() != JsonValueKind.String)
            {
                errors.Add($"{at}[{i}]", $"must be a string, not {KindOf(item)}.");
                continue;
            }
            var value = item.GetValue<string>().Trim();
            if (TextProblem(value, maxLength) is { } problem)
            {
                errors.Add($"{at}[{i}]", problem);
            }
            else if (value.Length > 0 && !result.Contains(value, StringComparer.Ordinal))
            {
                result.Add(value);
            }
        }
        return result;
    }

    /// <summary>An array field; null when absent or null, a problem when it is something else.</summary>
    public static JsonArray? Array(JsonObject obj, string key, string at, ValidationErrors errors)
    {
        var node = obj[key];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            errors.Add(at, $"must be an array, not {KindOf(node)}.");
            return null;
        }
        return array;
    }

    /// <summary>An optional whole number in [min, max]; integral decimals (3.0) are accepted.</summary>
    public static int? Integer(JsonObject obj, string key, string path, ValidationErrors errors, int min, int max)
    {
        var node = obj[key];
        var at = Path(path, key);
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        if (!TryWholeNumber(node, out var value))
        {
            errors.Add(at, $"must be a whole number, not {KindOf(node)}.");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(at, $"is {value}; it must be between {min} and {max}.");
            return null;
        }
        return (int)value;
    }

    public static bool TryWholeNumber(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        // NOTE: through the JSON text, so values built in code (JsonValue<int>, ...) read like parsed ones.
        var text = v.ToJsonString();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
        {
            value = (long)d;
            return true;
        }
        return false;
    }
}
