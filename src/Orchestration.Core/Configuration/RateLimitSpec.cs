namespace Orchestration.Core.Configuration;

/// <summary>"60/minute" → 60 permits per one-minute window.</summary>
public readonly record struct RateLimitSpec(int Permits, TimeSpan Window)
{
    public static bool TryParse(string? text, out RateLimitSpec spec)
    {
        spec = default;
        var parts = text?.Split('/', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 } || !int.TryParse(parts[0], out var permits) || permits < 1)
        {
            return false;
        }
        TimeSpan? window = parts[1].ToLowerInvariant() switch
        {
            "second" or "s" => TimeSpan.FromSeconds(1),
            "minute" or "m" => TimeSpan.FromMinutes(1),
            "hour" or "h" => TimeSpan.FromHours(1),
            "day" or "d" => TimeSpan.FromDays(1),
            _ => null,
        };
        if (window is null)
        {
            return false;
        }
        spec = new RateLimitSpec(permits, window.Value);
        return true;
    }
}
