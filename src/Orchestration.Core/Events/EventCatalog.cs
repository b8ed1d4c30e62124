namespace Orchestration.Core.Events;

/// <summary>
/// The catalogue of events (docs/api.md, Live events): each type with what it reports and the fields of its data. The
/// factories beside it (<see cref="RunEvents"/>, <see cref="AttemptEvents"/>, <see cref="PeopleEvents"/>,
/// <see cref="WorkEvents"/>) write each event's message and data, so the wording lives in one place.
/// </summary>
public static class EventCatalog
{
    public static IReadOnlyList<EventSpec> All { get; } =
    [
        new(EventTypes.ProjectStart, "execute started a run", ["run"]),
        new(EventTypes.ProjectPaused, "the owner paused the project; running tasks finish", []),
        new(EventTypes.ProjectCancelled, "the owner cancelled the project and its unfinished tasks", ["tasks_cancelled"], EndsRun: true),
        new(EventTypes.ProjectComplete, "every task completed", ["tasks_completed", "tasks_failed", "tasks_blocked", "tasks_cancelled"], EndsRun: true),
        new(EventTypes.ProjectFailed, "the run ended with failed or blocked tasks", ["tasks_completed", "tasks_failed", "tasks_blocked", "tasks_cancelled"], EndsRun: true),
        new(EventTypes.ProjectWaiting, "the project waits for people or external workers; nothing else can run",
            ["reason", "task_ids", "checkpoint_ids", "claimed"]),
        new(EventTypes.WaveCheckpoint, "a wave finished and the project paused before the next", ["wave", "next_wave"]),
        new(EventTypes.BudgetWarning,
            "a budget cap is nearly used (warn) or refused a call (exhausted); or, with reason forecast_exceeded (warn, once per "
            + "plan), the run's spend since approval passed the approved plan's high forecast",
            ["level", "scope", "cost_usd", "spent_usd", "reserved_usd", "limit_usd", "detail", "reason", "plan_id", "forecast_high_usd"]),
        new(EventTypes.TaskStart, "an attempt of a task started", ["model_tier", "attempt", "worker", "node"]),
        new(EventTypes.TaskContext, "what the attempt's prompt carried",
            ["knowledge_ids", "dependencies", "skipped_dependencies", "feedback_entries", "tools", "unavailable_tools", "worker"]),
        new(EventTypes.ToolCall, "the model called a tool", ["tool", "arguments", "round", "ok", "error"]),
        new(EventTypes.TaskComplete, "a task completed (by its attempt or a review)",
            ["cost_usd", "model", "prompt_tokens", "completion_tokens", "verification_status", "verification_notes", "partial",
             "artifacts", "review"]),
        new(EventTypes.TaskRetry, "a task goes round again (automatic after a transient failure, or asked for)",
            ["retry", "not_before", "reason", "feedback"]),
        new(EventTypes.TaskVerificationRetry, "the verifier found gaps; the task retries with its notes",
            ["verification_status", "verification_notes", "retry", "model_tier", "escalated_from", "cost_usd"]),
        new(EventTypes.TaskNeedsReview, "a task waits for a person's review",
            ["reason", "verification_status", "verification_notes", "blocked_task_ids", "cost_usd"]),
        new(EventTypes.TaskFailed, "a task failed; its dependants are blocked", ["blocked_task_ids", "reason"]),
        new(EventTypes.TaskCancelled, "the owner cancelled a task; its dependants are blocked", ["blocked_task_ids", "was_running"]),
        new(EventTypes.TaskInterrupted, "a running attempt was interrupted and the task will run again", ["reason"]),
        new(EventTypes.TaskWaiting, "a task waits (for budget or an offline provider)", ["reason", "scope", "limit_usd", "provider", "not_before"]),
        new(EventTypes.TaskFallback, "a task runs one tier up because its provider is offline", ["from_tier", "to_tier", "offline_provider"]),
        new(EventTypes.ReplanStarted, "the owner asked for a new plan of the unfinished work; running tasks finish, no new task starts until the new plan is approved or rejected",
            ["plan_id"]),
        new(EventTypes.PlanReady, "a re-plan's draft is ready for review (or its planning failed: error)", ["plan_id", "version", "replan_of", "error"]),
        new(EventTypes.PlanSwapped, "the re-plan was approved: its tasks replaced the unfinished part of the graph, kept tasks stay as they are",
            ["plan_id", "replaced_plan_id", "kept", "added", "removed"]),
        new(EventTypes.ReplanRejected, "the re-plan was rejected; the run goes on with the plan it had", ["plan_id"]),
        new(EventTypes.Checkpoint, "a checkpoint opened: a task waits for a person's decision",
            ["checkpoint_id", "checkpoint_type", "question", "blocked_task_ids"]),
        new(EventTypes.CheckpointResolved, "a person resolved a checkpoint", ["checkpoint_id", "action", "guidance"]),
        new(EventTypes.WaitExpired, "nobody answered a review or checkpoint within execution.wait_expiry.after_hours; the configured action was taken",
            ["action", "waited_hours", "checkpoint_id"]),
        new(EventTypes.KnowledgeExtracted, "findings learned from a task, seen by later tasks", ["knowledge_ids", "categories"]),
        new(EventTypes.KnowledgeProposed, "new findings wait for a person to accept or reject them (execution.knowledge_policy review or screen); later tasks do not see them until then",
            ["knowledge_ids", "categories", "source", "screen_reasons"]),
        new(EventTypes.KnowledgeAccepted, "a person accepted a finding (or edited it); later tasks see it", ["knowledge_id", "source", "by"]),
        new(EventTypes.KnowledgeRejected, "a person rejected a finding; no task sees it", ["knowledge_id", "source", "by"]),
        new(EventTypes.GitCommit, "a completed task was committed in the workspace repository", ["commit", "branch", "files", "files_total"]),
        new(EventTypes.GitPush, "the project's branch was pushed", ["branch", "remote", "commit"]),
        new(EventTypes.GitError, "a git command failed (the task keeps its outcome)", ["operation"]),
        new(EventTypes.StreamOverflow, "the SSE subscriber fell behind; reconnect with Last-Event-ID", ["last_seq"], Stored: false),
    ];

    private static readonly Dictionary<string, EventSpec> ByType = All.ToDictionary(s => s.Type, StringComparer.Ordinal);

    public static EventSpec? Find(string type) => ByType.GetValueOrDefault(type);

    /// <summary>The event types after which a run is over.</summary>
    public static IReadOnlyList<string> RunEnding { get; } = All.Where(s => s.EndsRun).Select(s => s.Type).ToArray();
}
