using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Configuration;

namespace Orchestration.Core.Tests.Configuration;

public sealed class ConfigExampleTests
{
    [Fact]
    public void The_example_config_documents_every_key_with_its_default()
    {
        var path = FindUp("config.example.json");
        var fromExample = ConfigBinder.Bind(File.ReadAllText(path), new Hashtable());
        var defaults = ConfigBinder.Bind(null, new Hashtable());
        Assert.Equal(Normalise(defaults), Normalise(fromExample));
    }

    /// <summary>Serialises with numbers as doubles, so 0.10 and 0.1 compare equal.</summary>
    private static string Normalise(OrchestrationConfig config)
    {
        static JsonNode? Walk(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Walk).ToArray()),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
            _ => node?.DeepClone(),
        };
        return Walk(JsonSerializer.SerializeToNode(config, ConfigBinder.JsonOptions))!.ToJsonString();
    }

    private static string FindUp(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException(name);
    }
}
