namespace Orchestration.Core.Domain;

public static class Clock
{
    /// <summary>Now as Unix epoch seconds with millisecond precision: the one time format of storage and the wire.</summary>
    public static double NowEpoch(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    public static double ToEpoch(this DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000.0;
}
