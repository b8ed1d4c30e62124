using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Pricing;
using Orchestration.Engine.Budget;
using Orchestration.Storage.Usage;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// Reserves the worst case before a call (prompt estimate + max output tokens at the model's prices), settles to the
/// real cost with the usage row after, and releases on failure or cancellation. A refused reservation means the
/// request is never sent.
/// NOTE: settle and release ignore the caller's cancellation: once a provider was called the money may be spent,
/// and the ledger must learn it either way.
/// </summary>
internal sealed partial class BudgetChatClient(IChatClient inner, IBudgetLedger ledger, PriceCalculator prices, TimeProvider time, ILogger logger)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = ModelCallScope.Of(options);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var promptEstimate = PromptEstimator.Estimate(list, options);
        var reservation = await ReserveAsync(scope, promptEstimate, options, cancellationToken);
        var started = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(list, options, cancellationToken);
        }
        catch (Exception ex)
        {
            await ReleaseAsync(scope, reservation, ex, started);
            throw;
        }
        var usage = UsageMapping.From(response.Usage)
                    ?? new TokenUsage(promptEstimate, PromptEstimator.PlausibleTokens(response.Text), 0, 0);
        await SettleAsync(scope, reservation, usage, started);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scope = ModelCallScope.Of(options);
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var promptEstimate = PromptEstimator.Estimate(list, options);
        var reservation = await ReserveAsync(scope, promptEstimate, options, cancellationToken);
        var started = time.GetTimestamp();
        var tally = new StreamTally();
        var finished = false;
        try
        {
            await using var stream = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await tally.NextAsync(stream))
            {
                yield return stream.Current;
            }
            finished = true;
        }
        finally
        {
            if (tally.Failure is { } failure)
            {
                // Output that reached us before the failure was generated, and providers bill it.
                var partial = tally.Text.Length == 0 ? (TokenUsage?)null
                    : tally.Usage ?? new TokenUsage(promptEstimate, PromptEstimator.PlausibleTokens(tally.Text), 0, 0);
                await ReleaseAsync(scope, reservation, failure, started, partial);
            }
            else
            {
                // A consumer that stopped early still used what was streamed so far.
                var usage = tally.Usage ?? new TokenUsage(promptEstimate, PromptEstimator.PlausibleTokens(tally.Text), 0, 0);
                await SettleAsync(scope, reservation, usage, started, finished ? "ok" : "cancelled");
            }
        }
    }

    private async Task<BudgetReservation> ReserveAsync(ModelCallScope scope, long promptEstimate, ChatOptions? options, CancellationToken cancellationToken)
    {
        var maxOutput = options?.MaxOutputTokens ?? throw new InvalidOperationException("MaxOutputTokens must be set before the budget check.");
        var worstCase = prices.WorstCase(scope.PricingProvider, scope.Model, promptEstimate, maxOutput);
        try
        {
            return await ledger.ReserveAsync(scope.Context, worstCase, cancellationToken);
        }
        catch (Models.BudgetExceededException ex)
        {
            ModelLogs.BudgetRefused(logger, scope.Provider, scope.Model, worstCase, ex.Scope);
            throw;
        }
    }

    private async Task SettleAsync(ModelCallScope scope, BudgetReservation reservation, TokenUsage usage, long started, string outcome = "ok")
    {
        var cost = prices.Cost(scope.PricingProvider, scope.Model, usage);
        scope.Usage = usage;
        scope.CostUsd = cost;
        scope.Settled = true;
        await ledger.SettleAsync(reservation, Record(scope, usage, cost, started, outcome), CancellationToken.None);
    }

    /// <summary>Failed calls are recorded too (outcome error or cancelled), with what they used when anything was streamed.</summary>
    private async Task ReleaseAsync(ModelCallScope scope, BudgetReservation reservation, Exception failure, long started, TokenUsage? used = null)
    {
        var outcome = failure is OperationCanceledException ? "cancelled" : "error";
        var usage = used ?? default;
        var cost = used is null ? 0m : prices.Cost(scope.PricingProvider, scope.Model, usage);
        await ledger.ReleaseAsync(reservation, Record(scope, usage, cost, started, outcome), CancellationToken.None);
    }

    private UsageRecord Record(ModelCallScope scope, TokenUsage usage, decimal cost, long started, string outcome) => new(
        scope.Context.UserId, scope.Context.ProjectId, scope.Context.TaskId, scope.Context.Purpose, scope.Provider, scope.Model,
        usage.PromptTotal, usage.Output, usage.CacheWrite, usage.CacheRead, cost,
        time.GetElapsedTime(started).TotalMilliseconds, outcome);
}
