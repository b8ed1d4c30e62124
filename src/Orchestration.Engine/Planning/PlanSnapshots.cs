using System.Text.Json.Nodes;
using Orchestration.Core.Planning;
using Orchestration.Core.Planning.Diff;
using Orchestration.Storage.Plans;

namespace Orchestration.Engine.Planning;

/// <summary>Reads stored plan versions back into the domain: the plan (validated against the requirement numbering it
/// was made with), its requirements and its forecast as stored.</summary>
public static class PlanSnapshots
{
    /// <exception cref="PlanValidationException">The stored plan is not valid (it was validated when written).</exception>
    public static PlanVersionSnapshot Of(PlanRecord record) =>
        new(Validate(PlanJson.TryParse(record.PlanJson), record), RequirementSplitter.FromJson(record.RequirementsJson),
            PlanJson.ReadForecast(record.ForecastJson));

    /// <summary>Validates <paramref name="plan"/> as a version of <paramref name="record"/>'s project: requirement ids must
    /// be the ones numbered when the plan was made.</summary>
    public static PlanDocument Validate(JsonNode? plan, PlanRecord record)
    {
        var known = RequirementSplitter.FromJson(record.RequirementsJson).Select(r => r.Id).ToList();
        var result = PlanValidator.Validate(plan, known);
        return result.IsValid ? result.Plan! : throw new PlanValidationException(result);
    }
}
