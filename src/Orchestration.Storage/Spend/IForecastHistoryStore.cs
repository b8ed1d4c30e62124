using Orchestration.Core.Planning;

namespace Orchestration.Storage.Spend;

/// <summary>What past runs used and cost, for calibrating forecasts and measuring how good they were.</summary>
public interface IForecastHistoryStore
{
    /// <summary>What the installation's most recently finished (completed) tasks used, at most <paramref name="limit"/>: the
    /// tokens of their execution calls (every attempt) and the cost of their other calls.</summary>
    Task<IReadOnlyList<TaskTokenSample>> GetTaskSamplesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Approved plans of finished projects (the caller's own, or everyone's for null), newest first, at most
    /// <paramref name="limit"/>: the forecast stored with the plan and what the project spent from its approval to the
    /// next approval.</summary>
    Task<IReadOnlyList<FinishedRunSpend>> GetFinishedRunsAsync(string? userId, int limit, CancellationToken cancellationToken);
}
