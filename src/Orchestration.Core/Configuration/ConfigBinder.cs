using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestration.Core.Configuration;

/// <summary>A configuration that cannot be used; every message names the key and says how to fix it.</summary>
public sealed class ConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration:\n  - " + string.Join("\n  - ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// Turns config.json text plus environment variables into a validated <see cref="OrchestrationConfig"/>.
/// Pure: the caller reads the file and the environment.
/// </summary>
public static class ConfigBinder
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static OrchestrationConfig Bind(string? json, IDictionary environment)
    {
        var errors = new List<string>();
        JsonObject root;
        try
        {
            root = string.IsNullOrWhiteSpace(json)
                ? []
                : JsonNode.Parse(json, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                  ?? throw new ConfigException(["config.json must be a JSON object at the top level."]);
        }
        catch (JsonException ex)
        {
            throw new ConfigException([$"config.json is not valid JSON: {ex.Message}"]);
        }

        StripComments(root);
        ApplyEnvironment(root, environment, errors);
        CheckKeys(root, typeof(OrchestrationConfig), "", errors);
        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }

        OrchestrationConfig config;
        try
        {
            config = root.Deserialize<OrchestrationConfig>(JsonOptions) ?? new OrchestrationConfig();
        }
        catch (JsonException ex)
        {
            var key = ex.Path?.TrimStart('$', '.') ?? "?";
            throw new ConfigException([$"'{key}' has a value of the wrong type ({ex.Message.Split('.')[0]})."]);
        }

        errors.AddRange(ConfigValidator.Validate(config));
        return errors.Count > 0 ? throw new ConfigException(errors) : config;
    }

    // ORCH_CONFIG names the file; the rest belong to the `orch` client, and are often set in the same shell as `orch serve`
    // (ORCH_SERVER would otherwise replace the whole "server" section with a URL).
    private static readonly HashSet<string> NotConfig =
        new(["ORCH_CONFIG", "ORCH_SERVER", "ORCH_TOKEN", "ORCH_PASSWORD", "ORCH_CONFIG_HOME"], StringComparer.OrdinalIgnoreCase);

    /// <summary>ORCH_SECTION__KEY=value overrides config.json; ANTHROPIC_API_KEY and OPENAI_API_KEY supply keys.</summary>
    private static void ApplyEnvironment(JsonObject root, IDictionary environment, List<string> errors)
    {
        foreach (DictionaryEntry entry in environment)
        {
            var name = entry.Key.ToString() ?? "";
            if (!name.StartsWith("ORCH_", StringComparison.OrdinalIgnoreCase) || NotConfig.Contains(name))
            {
                continue;
            }
            var path = name[5..].ToLowerInvariant().Split("__", StringSplitOptions.RemoveEmptyEntries);
            if (path.Length == 0)
            {
                continue;
            }
            var target = root;
            foreach (var part in path[..^1])
            {
                if (target[part] is not JsonObject next)
                {
                    next = [];
                    target[part] = next;
                }
                target = next;
            }
            target[path[^1]] = ParseEnvValue(entry.Value?.ToString() ?? "");
        }

        SetIfMissing(root, "anthropic", "api_key", environment["ANTHROPIC_API_KEY"] as string);
        SetIfMissing(root, "openai", "api_key", environment["OPENAI_API_KEY"] as string);
        _ = errors;
    }

    private static void SetIfMissing(JsonObject root, string section, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (root[section] is not JsonObject obj)
        {
            obj = [];
            root[section] = obj;
        }
        if (obj[key] is null)
        {
            obj[key] = value;
        }
    }

    private static JsonNode? ParseEnvValue(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }

    private static void StripComments(JsonObject obj)
    {
        foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList())
        {
            obj.Remove(key);
        }
        foreach (var child in obj.Select(p => p.Value).OfType<JsonObject>())
        {
            StripComments(child);
        }
    }

    private static void CheckKeys(JsonObject obj, Type type, string prefix, List<string> errors)
    {
        var known = KnownKeys(type);
        foreach (var (key, value) in obj)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (!known.TryGetValue(key, out var property))
            {
                var nearest = known.Keys.OrderBy(k => Distance(k, key)).FirstOrDefault();
                var hint = nearest is not null && Distance(nearest, key) <= Math.Max(2, key.Length / 3) ? $" Did you mean '{nearest}'?" : "";
                errors.Add($"Unknown key '{path}'.{hint} Remove it, or prefix it with '_' to keep it as a comment.");
                continue;
            }
            var propertyType = property.PropertyType;
            if (value is JsonObject child && IsOptionsClass(propertyType))
            {
                CheckKeys(child, propertyType, path, errors);
            }
            else if (value is JsonObject map && IsDictionaryOf(propertyType, out var valueType) && IsOptionsClass(valueType))
            {
                foreach (var (entryKey, entryValue) in map)
                {
                    if (entryValue is JsonObject entryObject)
                    {
                        CheckKeys(entryObject, valueType, $"{path}.{entryKey}", errors);
                    }
                }
            }
            else if (value is JsonArray list && IsListOf(propertyType, out var itemType) && IsOptionsClass(itemType))
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject item)
                    {
                        CheckKeys(item, itemType, $"{path}[{i}]", errors);
                    }
                }
            }
        }
    }

    private static Dictionary<string, PropertyInfo> KnownKeys(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), StringComparer.Ordinal);

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(OrchestrationConfig).Namespace;

    private static bool IsDictionaryOf(Type type, out Type valueType)
    {
        valueType = typeof(object);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            valueType = type.GetGenericArguments()[1];
            return true;
        }
        return false;
    }

    private static bool IsListOf(Type type, out Type itemType)
    {
        itemType = typeof(object);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            itemType = type.GetGenericArguments()[0];
            return true;
        }
        return false;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) { d[i, 0] = i; }
        for (var j = 0; j <= b.Length; j++) { d[0, j] = j; }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }
        return d[a.Length, b.Length];
    }
}
