using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestration.Core.Configuration;

namespace Orchestration.Core.Tests.Configuration;

/// <summary>
/// docs/config.md against the config model: the keys are the options classes' properties under the JSON names the
/// binder reads (snake_case, sections nested; <c>&lt;name&gt;</c> for a map's entries, <c>[]</c> for a list's), and a
/// default written as JSON must be the code's default.
/// </summary>
public sealed partial class ConfigDocsTests
{
    private const string DocFile = "docs/config.md";

    [Fact]
    public void Every_config_key_is_documented()
    {
        var documented = DocumentedRows().Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var missing = ModelKeys().Keys.Where(k => !documented.Contains(k)).ToList();
        Assert.True(missing.Count == 0, $"{DocFile} does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_documented_key_exists()
    {
        var keys = ModelKeys();
        var unknown = DocumentedRows().Select(r => r.Key).Where(k => !keys.ContainsKey(k)).ToList();
        Assert.True(unknown.Count == 0, $"{DocFile} names keys the config model does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Each_key_is_documented_once()
    {
        var repeated = DocumentedRows().GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{DocFile} documents these keys more than once: {string.Join(", ", repeated)}");
    }

    [Fact]
    public void Documented_defaults_are_the_code_defaults()
    {
        var keys = ModelKeys();
        var wrong = new List<string>();
        foreach (var (key, cell) in DocumentedRows().Where(r => keys.ContainsKey(r.Key)))
        {
            var actual = Normalise(keys[key]);
            var isJson = TryParseDefault(cell, out var written);
            // A compound default (a filled map or list) may be described in words; anything else is written as JSON.
            var describable = actual is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };
            if (isJson ? !JsonNode.DeepEquals(Normalise(written), actual) : !describable)
            {
                wrong.Add($"{key}: documented {cell}, the code's default is {actual?.ToJsonString() ?? "null"}");
            }
        }
        Assert.True(wrong.Count == 0, $"{DocFile} has wrong defaults:\n" + string.Join("\n", wrong));
    }

    /// <summary>Every key of the model with its default as the binder's JSON (entries of maps and lists: a new entry's).</summary>
    private static Dictionary<string, JsonNode?> ModelKeys()
    {
        var keys = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        Walk(typeof(OrchestrationConfig), new OrchestrationConfig(), "", keys);
        return keys;
    }

    private static void Walk(Type type, object instance, string prefix, Dictionary<string, JsonNode?> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            var value = property.GetValue(instance);
            var propertyType = property.PropertyType;
            if (IsOptionsClass(propertyType))
            {
                Walk(propertyType, value ?? Activator.CreateInstance(propertyType)!, key + ".", keys);
                continue;
            }
            keys[key] = JsonSerializer.SerializeToNode(value, propertyType, ConfigBinder.JsonOptions);
            if (propertyType.IsGenericType && propertyType.GetGenericArguments()[^1] is { } element && IsOptionsClass(element))
            {
                var entry = typeof(IDictionary).IsAssignableFrom(propertyType) ? ".<>." : "[].";
                Walk(element, Activator.CreateInstance(element)!, key + entry, keys);
            }
        }
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(OrchestrationConfig).Namespace;

    /// <summary>Table rows whose first cell is a key in backticks: (key with any &lt;placeholder&gt; as &lt;&gt;, default cell).</summary>
    private static List<(string Key, string Default)> DocumentedRows()
    {
        var text = File.ReadAllText(Path.Combine(SourceTree.Root, DocFile));
        var rows = KeyRow().Matches(text)
            .Select(m => (Placeholder().Replace(m.Groups["key"].Value, "<>"), m.Groups["default"].Value.Trim()))
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>A default cell that is one code span holding JSON (<c>`5200`</c>, <c>`"text"`</c>, <c>`null`</c>).</summary>
    private static bool TryParseDefault(string cell, out JsonNode? value)
    {
        value = null;
        if (DefaultSpan().Match(cell) is not { Success: true } match)
        {
            return false;
        }
        try
        {
            value = JsonNode.Parse(match.Groups["json"].Value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Numbers as doubles, so that 5.0m and 5 compare equal.</summary>
    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Normalise)]),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
        _ => node?.DeepClone(),
    };

    [GeneratedRegex(@"^\|\s*`(?<key>[a-z0-9_.<>\[\]]+)`\s*\|(?<default>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex KeyRow();

    [GeneratedRegex(@"^`(?<json>[^`]*)`$")]
    private static partial Regex DefaultSpan();

    [GeneratedRegex(@"<[a-z_]*>")]
    private static partial Regex Placeholder();
}
