namespace Orchestration.Core.Events;

/// <summary>
/// Every event type the server sends (the <c>type</c> of a timeline event and the SSE <c>event:</c> name). The only place
/// these strings are written: code names them through these constants, <see cref="EventCatalog"/> describes each, and the
/// web UI's list is generated from the catalogue (web/src/api/eventTypes.ts).
/// </summary>
public static class EventTypes
{
    public const string ProjectStart = "project_start";
    public const string ProjectPaused = "project_paused";
    public const string ProjectCancelled = "project_cancelled";
    public const string ProjectComplete = "project_complete";
    public const string ProjectFailed = "project_failed";
    public const string ProjectWaiting = "project_waiting";
    public const string WaveCheckpoint = "wave_checkpoint";
    public const string BudgetWarning = "budget_warning";

    public const string TaskStart = "task_start";
    public const string TaskContext = "task_context";
    public const string ToolCall = "tool_call";
    public const string TaskComplete = "task_complete";
    public const string TaskRetry = "task_retry";
    public const string TaskVerificationRetry = "task_verification_retry";
    public const string TaskNeedsReview = "task_needs_review";
    public const string TaskFailed = "task_failed";
    public const string TaskCancelled = "task_cancelled";
    public const string TaskInterrupted = "task_interrupted";
    public const string TaskWaiting = "task_waiting";
    public const string TaskFallback = "task_fallback";

    public const string ReplanStarted = "replan_started";
    public const string PlanReady = "plan_ready";
    public const string PlanSwapped = "plan_swapped";
    public const string ReplanRejected = "replan_rejected";

    public const string Checkpoint = "checkpoint";
    public const string CheckpointResolved = "checkpoint_resolved";
    public const string WaitExpired = "wait_expired";
    public const string KnowledgeExtracted = "knowledge_extracted";
    public const string KnowledgeProposed = "knowledge_proposed";
    public const string KnowledgeAccepted = "knowledge_accepted";
    public const string KnowledgeRejected = "knowledge_rejected";

    public const string GitCommit = "git_commit";
    public const string GitPush = "git_push";
    public const string GitError = "git_error";

    /// <summary>Sent on an SSE stream (never stored) when its subscriber fell too far behind; the stream then ends.</summary>
    public const string StreamOverflow = "stream_overflow";
}
