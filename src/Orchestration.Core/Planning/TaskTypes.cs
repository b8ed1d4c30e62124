namespace Orchestration.Core.Planning;

/// <summary>The task types the product knows (docs/api.md, Plan JSON). Any other string is kept as written.</summary>
public static class TaskTypes
{
    public static IReadOnlyList<string> Known { get; } = ["code", "research", "analysis", "asset", "integration", "documentation"];

    /// <summary>A known type in its canonical spelling, or the trimmed text as the model wrote it.</summary>
    public static string Normalize(string taskType)
    {
        var trimmed = taskType.Trim();
        return Known.FirstOrDefault(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase)) ?? trimmed;
    }
}
