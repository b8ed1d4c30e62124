using Orchestration.Core.Domain;

namespace Orchestration.Storage.Execution;

/// <summary>A value to write; a null <c>Set&lt;T&gt;?</c> leaves the column as it is.</summary>
public readonly record struct Set<T>(T Value);

/// <summary>
/// One guarded write of a task row: it applies only while the task has status <see cref="From"/> (and, when given, is
/// still leased to <see cref="Attempt"/>, its project is executing, its retry delay is over), and then moves it to
/// <see cref="To"/> with the other changes. The rules that decide the write live above the backend (Engine/Runs);
/// a backend writes exactly what it is given and reports whether the guard held.
/// </summary>
public sealed record TaskUpdate(string TaskId, TaskItemStatus From, TaskItemStatus To)
{
    // Guards beyond id and status.
    /// <summary>The row must still belong to this attempt (lease owner and attempt number).</summary>
    public AttemptKey? Attempt { get; init; }
    /// <summary>The task's project must be executing and the task's retry delay (not_before) over by this time.</summary>
    public double? RunnableAt { get; init; }

    // Changes. Counters are added to; Set fields replace the column.
    /// <summary>The attempt's lease: set on a claim (owner, expiry), cleared (null owner) when it ends.</summary>
    public Set<(string? Owner, double? ExpiresAt)>? Lease { get; init; }
    public Set<double?>? NotBefore { get; init; }
    public Set<string?>? Error { get; init; }
    public int AttemptDelta { get; init; }
    public int AutoRetryDelta { get; init; }
    public bool ResetAutoRetries { get; init; }
    public int ManualRetryDelta { get; init; }
    public int RetryDelta { get; init; }
    /// <summary>Sets started_at to now unless the task started before.</summary>
    public bool MarkStarted { get; init; }
    public Set<double?>? CompletedAt { get; init; }
    public Set<string?>? OutputText { get; init; }
    public Set<string?>? ModelUsed { get; init; }
    public Set<string>? ModelTier { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long CostNanos { get; init; }
    public Set<string?>? VerificationStatus { get; init; }
    public Set<string?>? VerificationNotes { get; init; }
    public Set<IReadOnlyList<OutputArtifact>>? Artifacts { get; init; }
    public Set<bool>? Partial { get; init; }
    public Set<bool>? Skipped { get; init; }
    public Set<string>? FeedbackJson { get; init; }
}
