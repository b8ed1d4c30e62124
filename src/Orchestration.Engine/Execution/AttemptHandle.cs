namespace Orchestration.Engine.Execution;

/// <summary>Stops one attempt: cancelled by a user (the outcome is already written) or interrupted by shutdown
/// (the attempt puts its task back in the queue for the next start).</summary>
internal sealed class AttemptHandle : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private volatile bool _interrupted;

    public CancellationToken Token => _cts.Token;

    public bool Interrupted => _interrupted;

    public void Cancel() => TryCancel();

    public void Interrupt()
    {
        _interrupted = true;
        TryCancel();
    }

    public void Dispose() => _cts.Dispose();

    private void TryCancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt already ended.
        }
    }
}
