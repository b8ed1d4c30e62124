using System.Globalization;
using Orchestration.Storage.Plans;

namespace Orchestration.Server.Plans;

/// <summary>How a route names a plan version: its id (32 hex digits) or its version number ("3" or "v3").</summary>
internal sealed record PlanRef(string? Id, long Version)
{
    public const string Expected = "a plan id (32 hexadecimal digits) or a version number (3 or v3)";

    /// <summary>The reference <paramref name="text"/> makes, or null when it is neither form.</summary>
    public static PlanRef? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length == 32 && text.All(char.IsAsciiHexDigit))
        {
            return new PlanRef(text.ToLowerInvariant(), 0);
        }
        var digits = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        if (digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return new PlanRef(null, version);
        }
        return null;
    }

    public bool IsVersion => Id is null;

    public PlanRecord? FindIn(IEnumerable<PlanRecord> plans) =>
        plans.FirstOrDefault(p => Id is null ? p.Version == Version : string.Equals(p.Id, Id, StringComparison.Ordinal));

    public override string ToString() => Id ?? $"v{Version}";
}
