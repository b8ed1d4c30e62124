using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestration.Engine.Tests.Models;

/// <summary>Reads a plan out of a model answer the way the planner must: the ```json fence after the prose.</summary>
internal static partial class SimulatedPlans
{
    [GeneratedRegex(@"```json\s*(?<json>\{.*\})\s*```", RegexOptions.Singleline)]
    private static partial Regex Fence();

    public static JsonElement Parse(string answer)
    {
        var match = Fence().Match(answer);
        Assert.True(match.Success, "the answer has a ```json fence");
        Assert.False(string.IsNullOrWhiteSpace(answer[..match.Index]), "prose comes before the fence");
        return JsonDocument.Parse(match.Groups["json"].Value).RootElement.Clone();
    }

    public static List<JsonElement> Tasks(JsonElement plan) =>
        plan.TryGetProperty("tasks", out var flat)
            ? [.. flat.EnumerateArray()]
            : [.. plan.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray())];

    public static bool HasFence(string answer) => Fence().IsMatch(answer);
}
