namespace Orchestration.Engine.Tools;

/// <summary>What one attempt has spent on models so far: its own rounds and the calls its tools made (local_llm).
/// Thread-safe; read by the attempt when it ends, however it ends, so the task's totals are never short.</summary>
public sealed class AttemptSpend
{
    private long _promptTokens;
    private long _completionTokens;
    private long _costNanos;

    public long PromptTokens => Interlocked.Read(ref _promptTokens);
    public long CompletionTokens => Interlocked.Read(ref _completionTokens);
    public long CostNanos => Interlocked.Read(ref _costNanos);

    public bool Any => PromptTokens > 0 || CompletionTokens > 0 || CostNanos > 0;

    public void Add(long promptTokens, long completionTokens, long costNanos)
    {
        Interlocked.Add(ref _promptTokens, promptTokens);
        Interlocked.Add(ref _completionTokens, completionTokens);
        Interlocked.Add(ref _costNanos, costNanos);
    }
}
