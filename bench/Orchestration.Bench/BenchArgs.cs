using System.Globalization;

namespace Orchestration.Bench;

/// <summary>Options after the benchmark name: "--json FILE" plus any "--key value" pairs a benchmark reads.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? JsonPath => Get("json");

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public int GetInt(string key, int fallback) =>
        Get(key) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static BenchArgs Parse(string[] args)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }
            parsed._values[args[i][2..]] = args[++i];
        }
        return parsed;
    }
}
