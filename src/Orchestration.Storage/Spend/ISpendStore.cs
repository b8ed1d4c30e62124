namespace Orchestration.Storage.Spend;

/// <summary>The calls of a run or of a period, with the tasks they ran for, for pricing them again (cost reports).</summary>
public interface ISpendStore
{
    /// <summary>The run of <paramref name="userId"/>'s own project: <paramref name="run"/> when it exists, the latest when
    /// null; null when the project is not theirs or has no such run.</summary>
    Task<long?> FindRunAsync(string userId, string projectId, long? run, CancellationToken cancellationToken);

    /// <summary>A run's calls: from its first event to the next run's first event, planning calls left out.</summary>
    Task<SpendCalls> GetRunCallsAsync(string projectId, long run, CancellationToken cancellationToken);

    /// <summary>Everyone's calls from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), epoch
    /// seconds, planning calls left out.</summary>
    Task<SpendCalls> GetCallsAsync(double from, double to, CancellationToken cancellationToken);
}
