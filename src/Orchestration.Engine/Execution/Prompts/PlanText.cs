using System.Text.Json;

namespace Orchestration.Engine.Execution.Prompts;

/// <summary>Reads what prompts need from a stored plan document.</summary>
internal static class PlanText
{
    public static string? Summary(string planJson)
    {
        try
        {
            using var plan = JsonDocument.Parse(planJson);
            return plan.RootElement.ValueKind == JsonValueKind.Object && plan.RootElement.TryGetProperty("summary", out var s)
                   && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
