using System.Text.Json;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Server.Infrastructure;

namespace Orchestration.Server.Spend;

/// <summary>Reads and checks a supplied routing table (a POST body, or JSON in the <c>routing</c> query parameter).</summary>
internal static class RoutingTableInput
{
    public const int MaxQueryLength = 8_000;

    public static RoutingTableDto? FromQuery(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        var validator = new Validator().Length("routing", json, MaxQueryLength);
        validator.ThrowIfInvalid();
        try
        {
            return JsonSerializer.Deserialize<RoutingTableDto>(json, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            validator.Add("routing", "'routing' must be a JSON object shaped like config 'routing': {\"table\": {\"code\": {\"simple\": \"haiku\"}}, \"default_tier\": \"haiku\"}.")
                .ThrowIfInvalid();
            return null;
        }
    }

    /// <summary>The table as routing options; every tier must be a tier name (422 naming the entry otherwise).</summary>
    public static RoutingOptions ToOptions(RoutingTableDto dto)
    {
        var validator = new Validator();
        var table = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (taskType, row) in dto.Table ?? [])
        {
            table[taskType] = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (complexity, tier) in row ?? [])
            {
                validator.Enum<ModelTier>($"table.{taskType}.{complexity}", tier);
                table[taskType][complexity] = tier;
            }
        }
        var defaultTier = dto.DefaultTier ?? new RoutingOptions().DefaultTier;
        validator.Enum<ModelTier>("default_tier", defaultTier);
        validator.ThrowIfInvalid();
        return new RoutingOptions { Table = table, DefaultTier = defaultTier };
    }
}
