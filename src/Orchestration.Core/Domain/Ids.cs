namespace Orchestration.Core.Domain;

/// <summary>Resource ids are 32 lowercase hex characters (a v7 UUID: time-ordered, index friendly).</summary>
public static class Ids
{
    public static string New() => Guid.CreateVersion7().ToString("N");
}
