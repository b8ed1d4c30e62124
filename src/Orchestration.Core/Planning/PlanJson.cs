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
