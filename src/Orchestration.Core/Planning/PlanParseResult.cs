using System.Text.Json.Nodes;

namespace Orchestration.Core.Planning;

/// <summary>The JSON object found in a model's answer, or why none was found.</summary>
public sealed record PlanParseResult(JsonObject? Json, string? Error)
{
    public bool Found => Json is not null;
}
