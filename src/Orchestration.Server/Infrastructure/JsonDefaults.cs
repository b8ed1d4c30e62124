using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestration.Server.Infrastructure;

/// <summary>The wire format of docs/api.md: snake_case names, lowercase enum strings, strict numbers.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // NOTE: unknown request fields are ignored (not rejected) so clients of the original API keep working.
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
