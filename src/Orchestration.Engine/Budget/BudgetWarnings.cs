using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Budget;

/// <summary>
/// Emits budget_warning events: level warn once per project and cap when settled spend reaches warn_at_pct of it,
/// level exhausted once per project and cap period when a reservation is refused. A raised cap is a new cap. Also warn,
/// with reason forecast_exceeded, once per approved plan when the run's spend passes the plan's high forecast.
/// </summary>
internal sealed class BudgetWarnings(IServiceProvider services, BudgetOptions budget, ILogger<BudgetWarnings> logger)
{
    private readonly ConcurrentDictionary<string, bool> _sent = new(StringComparer.Ordinal);

    public async Task OnSettledAsync(string projectId, IReadOnlyList<BudgetCap> caps, CancellationToken cancellationToken)
    {
        foreach (var cap in caps)
        {
            var pct = cap.LimitNanos > 0 ? cap.SpentNanos * 100.0 / cap.LimitNanos : 0;
            if (cap.LimitNanos <= 0 || pct < budget.WarnAtPct || !FirstTime("warn", projectId, cap))
            {
                continue;
            }
            var message = $"{cap.Label} budget {pct:0}% used: {BudgetCap.Usd(cap.SpentNanos)} of {BudgetCap.Usd(cap.LimitNanos)} spent {cap.Window}.";
            await PublishAsync(projectId, message, "warn", cap, cap.SpentNanos, cancellationToken);
        }
    }

    /// <summary>Warns once per approved plan when the project's spend since approval passes the plan's high forecast.</summary>
    public async Task OnForecastAsync(string projectId, BudgetFigures figures, CancellationToken cancellationToken)
    {
        if (figures is not { ForecastPlanId: { } planId, ForecastHighNanos: { } high, SpentAtApprovalNanos: { } baseline })
        {
            return;
        }
        var spent = figures.SpentProject - baseline;
        if (spent <= high || !_sent.TryAdd($"forecast|{projectId}|{planId}", true))
        {
            return;
        }
        await PublishAsync(projectId, "forecast_exceeded", RunEvents.ForecastExceeded(projectId, planId, spent, high), cancellationToken);
    }

    public async Task OnRefusedAsync(string projectId, BudgetCap cap, long askedNanos, string message, CancellationToken cancellationToken)
    {
        if (FirstTime("exhausted", projectId, cap))
        {
            await PublishAsync(projectId, message, "exhausted", cap, askedNanos, cancellationToken);
        }
    }

    private bool FirstTime(string level, string projectId, BudgetCap cap) =>
        _sent.TryAdd($"{level}|{projectId}|{cap.Scope}|{cap.Period}|{cap.LimitNanos}", true);

    private Task PublishAsync(string projectId, string message, string level, BudgetCap cap, long costNanos, CancellationToken cancellationToken) =>
        PublishAsync(projectId, level,
            RunEvents.BudgetWarning(projectId, message, level, cap.Scope, costNanos, cap.SpentNanos, cap.ReservedNanos, cap.LimitNanos),
            cancellationToken);

    private async Task PublishAsync(string projectId, string level, NewEvent warning, CancellationToken cancellationToken)
    {
        var publisher = services.GetService<IEventPublisher>();
        if (publisher is null)
        {
            return;
        }
        try
        {
            await publisher.PublishAsync(warning, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The spend is already committed; a lost warning must not turn a settled call into a failed one.
            BudgetLog.WarningNotPublished(logger, projectId, level, ex);
        }
    }
}
