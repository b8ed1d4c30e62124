using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;

namespace Orchestration.Core.Spend;

/// <summary>A way the tasks of a run could have been routed: a name and the tier it gives each task.</summary>
public sealed record RoutingScenario(string Name, Func<SpendTask, ModelTier> TierOf)
{
    public const string AllSonnetName = "all_sonnet";
    public const string AllHaikuName = "all_haiku";
    public const string RoutingName = "routing";

    /// <summary>Every task on one tier.</summary>
    public static RoutingScenario AllOn(ModelTier tier) => new($"all_{tier.ToWire()}", _ => tier);

    /// <summary>Every task on the tier <paramref name="routing"/>'s table gives its type and complexity. A tier the plan
    /// pinned is not honoured: the question is what this table would have done.</summary>
    public static RoutingScenario Routed(RoutingOptions routing, string name = RoutingName) =>
        new(name, task => ModelRouter.TierFor(routing, task.TaskType, task.Complexity));
}
