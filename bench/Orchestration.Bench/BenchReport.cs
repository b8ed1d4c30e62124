using System.Globalization;
using System.Text.Json;

namespace Orchestration.Bench;

public static class BenchReport
{
    public static async Task WriteAsync(IReadOnlyList<BenchResult> results, string? jsonPath)
    {
        foreach (var r in results)
        {
            var baseline = r.Baseline is { } b ? string.Create(CultureInfo.InvariantCulture, $" (baseline: {b:0.###} {r.BaselineUnit ?? r.Unit})") : "";
            var target = r.Target is null ? "" : $" [target: {r.Target}]";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name}: {r.Value:0.###} {r.Unit}{baseline}{target}"));
        }
        if (jsonPath is not null)
        {
            var json = results.Select(r =>
            {
                var row = new Dictionary<string, object> { ["name"] = r.Name, ["value"] = Math.Round(r.Value, 3), ["unit"] = r.Unit };
                if (r.Baseline is { } b)
                {
                    row["baseline"] = Math.Round(b, 3);
                    row["baseline_unit"] = r.BaselineUnit ?? r.Unit;
                }
                if (r.Target is { } target)
                {
                    row["target"] = target;
                }
                return row;
            });
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
