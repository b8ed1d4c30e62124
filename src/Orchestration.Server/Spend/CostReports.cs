using Orchestration.Core.Domain;
using Orchestration.Core.Spend;
using Orchestration.Storage.Spend;

namespace Orchestration.Server.Spend;

/// <summary>Prices calls under the standard alternatives (every task on Sonnet, every task on Haiku) and, when one is
/// supplied, a routing table.</summary>
internal sealed class CostReports(CounterfactualPricer pricer)
{
    public CostReport Price(SpendCalls calls, RoutingTableDto? routing)
    {
        List<RoutingScenario> scenarios = [RoutingScenario.AllOn(ModelTier.Sonnet), RoutingScenario.AllOn(ModelTier.Haiku)];
        if (routing is not null)
        {
            scenarios.Add(RoutingScenario.Routed(RoutingTableInput.ToOptions(routing)));
        }
        return pricer.Price(calls.Calls, calls.Tasks, scenarios);
    }
}
