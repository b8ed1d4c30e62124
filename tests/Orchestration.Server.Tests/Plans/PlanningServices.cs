using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Models;
using Orchestration.Engine.Usage;

namespace Orchestration.Server.Tests.Plans;

/// <summary>
/// Model services for planning tests: the real model layer (AddModels, which answers with the simulated provider when
/// no API key is configured) or a scripted gateway. The ledger below is only a stand-in for servers built without
/// the budget feature; when the host registers the real ledger, TryAdd keeps it.
/// </summary>
internal static class PlanningServices
{
    public static void SimulatedModels(IServiceCollection services)
    {
        var config = (OrchestrationConfig)services.Single(d => d.ServiceType == typeof(OrchestrationConfig)).ImplementationInstance!;
        services.TryAddSingleton<IBudgetLedger, UnlimitedBudgetLedger>();
        services.AddModels(config);
    }

    public static Action<IServiceCollection> Scripted(ScriptedGateway gateway) => services => services.AddSingleton<IModelGateway>(gateway);

    private sealed class UnlimitedBudgetLedger : IBudgetLedger
    {
        public Task<BudgetReservation> ReserveAsync(ModelCallContext context, decimal worstCaseUsd, CancellationToken cancellationToken) =>
            Task.FromResult(new BudgetReservation(Guid.NewGuid().ToString("N"), context.UserId, context.ProjectId, worstCaseUsd));

        public Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A gateway whose answers (or failures) the test writes; it can hold a call until released.</summary>
internal sealed class ScriptedGateway : IModelGateway
{
    private int _calls;

    public Func<int, string> Answer { get; set; } = _ => "";

    public TaskCompletionSource? Entered { get; set; }

    public TaskCompletionSource? Release { get; set; }

    public int Calls => _calls;

    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        Entered?.TrySetResult();
        if (Release is not null)
        {
            await Release.Task.WaitAsync(cancellationToken);
        }
        var text = Answer(call);
        return new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), "anthropic", request.Model!, 800, 300, 6_900_000, false);
    }
}
