using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestration.Core.Planning;

/// <summary>The one JSON shape of a plan, for storage and for responses (snake_case, enums as wire strings).</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Lenient reading: models and people leave trailing commas and comments.</summary>
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static string Serialize(PlanDocument plan) => JsonSerializer.Serialize(plan, Options);

    public static JsonNode ToNode(PlanDocument plan) => JsonSerializer.SerializeToNode(plan, Options)!;

    /// <summary>The forecast in its wire shape: {total_usd_low, total_usd_high, tasks:[{index, model_tier, model, ...}]}.</summary>
    public static string Serialize(PlanForecast forecast) => JsonSerializer.Serialize(forecast, Options);

    /// <summary>Reads a stored forecast back; <see cref="PlanForecast.Empty"/> when the text is not one.</summary>
    public static PlanForecast ReadForecast(string json)
    {
        try
        {
            var forecast = JsonSerializer.Deserialize<PlanForecast>(json, Options);
            return forecast is null ? PlanForecast.Empty : forecast with { Tasks = forecast.Tasks ?? [] };
        }
        catch (JsonException)
        {
            return PlanForecast.Empty;
        }
    }

    /// <summary>
    /// The first part of parsed JSON that cannot be read, as its path ("" for the root) and the problem, or null when
    /// every key and string reads. JSON text may repeat a key or escape half of a surrogate pair ("\ud800"): the
    /// parser accepts both, and reading the object's keys or the string later throws exceptions no caller expects.
    /// </summary>
    public static (string Path, string Problem)? FindUnreadable(JsonNode? root)
    {
        // NOTE: iterative, so a deeply nested node built in code cannot exhaust the stack.
        var pending = new Stack<(JsonNode? Node, string Path)>();
        pending.Push((root, ""));
        while (pending.TryPop(out var item))
        {
            switch (item.Node)
            {
                case JsonObject obj:
                    List<KeyValuePair<string, JsonNode?>> members;
                    try
                    {
                        members = [.. obj];
                    }
                    catch (ArgumentException)
                    {
                        return (item.Path, "repeats a key; each key may appear only once in an object.");
                    }
                    catch (InvalidOperationException)
                    {
                        return (item.Path, "has a key that is not valid text (it escapes half of a surrogate pair, \\ud800–\\udfff).");
                    }
                    for (var i = members.Count - 1; i >= 0; i--)
                    {
                        pending.Push((members[i].Value, item.Path.Length == 0 ? members[i].Key : $"{item.Path}.{members[i].Key}"));
                    }
                    break;
                case JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push((array[i], $"{item.Path}[{i}]"));
                    }
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    try
                    {
                        _ = value.GetValue<string>();
                    }
                    catch (InvalidOperationException)
                    {
                        return (item.Path, "is not valid text: it escapes half of a surrogate pair (\\ud800–\\udfff).");
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>Parses stored or submitted plan text as lenient JSON; null when it is not JSON at all.</summary>
    public static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
