namespace Orchestration.Storage.Execution;

/// <summary>Finds waits for people that nobody answered in time (execution.wait_expiry); ending one goes through the same
/// guarded transition as a person's answer.</summary>
public interface IExpiredWaitStore
{
    /// <summary>Tasks of executing projects (every owner) waiting for a review or a checkpoint since
    /// <paramref name="cutoff"/> or earlier, the longest waiting first.</summary>
    Task<IReadOnlyList<ExpiredWait>> ExpiredAsync(double cutoff, int limit, CancellationToken cancellationToken);
}
