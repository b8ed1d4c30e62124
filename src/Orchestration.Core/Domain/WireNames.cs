using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestration.Core.Domain;

/// <summary>The one mapping between enum values and the strings used on the wire and in storage.</summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string ToWire<T>(this T value) where T : struct, Enum =>
        Names.GetOrAdd(value, static v =>
        {
            var member = v.GetType().GetField(v.ToString());
            var custom = member?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>();
            return custom?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString());
        });

    public static T Parse<T>(string value) where T : struct, Enum =>
        TryParse<T>(value, out var result)
            ? result
            : throw new ArgumentException($"'{value}' is not a valid {typeof(T).Name}; allowed: {string.Join(", ", AllowedValues<T>())}.");

    public static bool TryParse<T>(string? value, out T result) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToWire(), value, StringComparison.Ordinal))
            {
                result = candidate;
                return true;
            }
        }
        result = default;
        return false;
    }

    public static IEnumerable<string> AllowedValues<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => v.ToWire());
}
