using System.Globalization;

namespace Orchestration.Core.Events;

/// <summary>The events of re-planning a running project (see <see cref="EventCatalog"/>).</summary>
public static class PlanEvents
{
    public static NewEvent ReplanStarted(string projectId, string runningPlanId) =>
        new(projectId, EventTypes.ReplanStarted, "Re-planning the unfinished work: running tasks finish, new tasks wait for the new plan", null,
            new Dictionary<string, object?> { ["plan_id"] = runningPlanId });

    public static NewEvent PlanReady(string projectId, string planId, long version, string replanOf) =>
        new(projectId, EventTypes.PlanReady, string.Create(CultureInfo.InvariantCulture, $"Plan version {version} is ready for review"), null,
            new Dictionary<string, object?> { ["plan_id"] = planId, ["version"] = version, ["replan_of"] = replanOf });

    public static NewEvent ReplanFailed(string projectId, string replanOf, string error) =>
        new(projectId, EventTypes.PlanReady, $"Re-planning failed: {error}; the run goes on with the plan it had", null,
            new Dictionary<string, object?> { ["plan_id"] = null, ["replan_of"] = replanOf, ["error"] = error });

    public static NewEvent PlanSwapped(string projectId, string planId, string replacedPlanId, int kept, int added, int removed) =>
        new(projectId, EventTypes.PlanSwapped,
            string.Create(CultureInfo.InvariantCulture, $"New plan approved: {kept} tasks kept, {added} added, {removed} unfinished replaced"), null,
            new Dictionary<string, object?>
            {
                ["plan_id"] = planId, ["replaced_plan_id"] = replacedPlanId, ["kept"] = kept, ["added"] = added, ["removed"] = removed,
            });

    public static NewEvent ReplanRejected(string projectId, string planId) =>
        new(projectId, EventTypes.ReplanRejected, "The re-plan was rejected; the run goes on with the plan it had", null,
            new Dictionary<string, object?> { ["plan_id"] = planId });
}
