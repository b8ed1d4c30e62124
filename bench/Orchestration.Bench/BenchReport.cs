using System.Globalization;
using System.Text.Json;

namespace Orchestration.Bench;

public static class BenchReport
{
    public static async Task WriteAsync(IReadOnlyList<BenchResult> results, string? jsonPath)
    {
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name}: {r.Value:0.###} {r.Unit}"));
        }
        if (jsonPath is not null)
        {
            var json = results.Select(r => new Dictionary<string, object> { ["name"] = r.Name, ["value"] = Math.Round(r.Value, 3), ["unit"] = r.Unit });
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
