// Generated from src/Orchestration.Core/Events/EventCatalog.cs by tests/Orchestration.Core.Tests/Events/EventCatalogTests.cs;
// do not edit. After a change to the catalogue: ORCH_REGENERATE=1 dotnet test --project tests/Orchestration.Core.Tests

/** Every event type the server sends, by name. */
export const EventTypes = {
  /** execute started a run (data: run) */
  ProjectStart: "project_start",
  /** the owner paused the project; running tasks finish */
  ProjectPaused: "project_paused",
  /** the owner cancelled the project and its unfinished tasks (data: tasks_cancelled) */
  ProjectCancelled: "project_cancelled",
  /** every task completed (data: tasks_completed, tasks_failed, tasks_blocked, tasks_cancelled) */
  ProjectComplete: "project_complete",
  /** the run ended with failed or blocked tasks (data: tasks_completed, tasks_failed, tasks_blocked, tasks_cancelled) */
  ProjectFailed: "project_failed",
  /** the project waits for people or external workers; nothing else can run (data: reason, task_ids, checkpoint_ids, claimed) */
  ProjectWaiting: "project_waiting",
  /** a wave finished and the project paused before the next (data: wave, next_wave) */
  WaveCheckpoint: "wave_checkpoint",
  /** a budget cap is nearly used (warn) or refused a call (exhausted); or, with reason forecast_exceeded (warn, once per plan), the run's spend since approval passed the approved plan's high forecast (data: level, scope, cost_usd, spent_usd, reserved_usd, limit_usd, detail, reason, plan_id, forecast_high_usd) */
  BudgetWarning: "budget_warning",
  /** an attempt of a task started (data: model_tier, attempt, worker, node) */
  TaskStart: "task_start",
  /** what the attempt's prompt carried (data: knowledge_ids, dependencies, skipped_dependencies, feedback_entries, tools, unavailable_tools, worker) */
  TaskContext: "task_context",
  /** the model called a tool (data: tool, arguments, round, ok, error) */
  ToolCall: "tool_call",
  /** a task completed (by its attempt or a review) (data: cost_usd, model, prompt_tokens, completion_tokens, verification_status, verification_notes, partial, artifacts, review) */
  TaskComplete: "task_complete",
  /** a task goes round again (automatic after a transient failure, or asked for) (data: retry, not_before, reason, feedback) */
  TaskRetry: "task_retry",
  /** the verifier found gaps; the task retries with its notes (data: verification_status, verification_notes, retry, model_tier, escalated_from, cost_usd) */
  TaskVerificationRetry: "task_verification_retry",
  /** a task waits for a person's review (data: reason, verification_status, verification_notes, blocked_task_ids, cost_usd) */
  TaskNeedsReview: "task_needs_review",
  /** a task failed; its dependants are blocked (data: blocked_task_ids, reason) */
  TaskFailed: "task_failed",
  /** the owner cancelled a task; its dependants are blocked (data: blocked_task_ids, was_running) */
  TaskCancelled: "task_cancelled",
  /** a running attempt was interrupted and the task will run again (data: reason) */
  TaskInterrupted: "task_interrupted",
  /** a task waits (for budget or an offline provider) (data: reason, scope, limit_usd, provider, not_before) */
  TaskWaiting: "task_waiting",
  /** a task runs one tier up because its provider is offline (data: from_tier, to_tier, offline_provider) */
  TaskFallback: "task_fallback",
  /** the owner asked for a new plan of the unfinished work; running tasks finish, no new task starts until the new plan is approved or rejected (data: plan_id) */
  ReplanStarted: "replan_started",
  /** a re-plan's draft is ready for review (or its planning failed: error) (data: plan_id, version, replan_of, error) */
  PlanReady: "plan_ready",
  /** the re-plan was approved: its tasks replaced the unfinished part of the graph, kept tasks stay as they are (data: plan_id, replaced_plan_id, kept, added, removed) */
  PlanSwapped: "plan_swapped",
  /** the re-plan was rejected; the run goes on with the plan it had (data: plan_id) */
  ReplanRejected: "replan_rejected",
  /** a checkpoint opened: a task waits for a person's decision (data: checkpoint_id, checkpoint_type, question, blocked_task_ids) */
  Checkpoint: "checkpoint",
  /** a person resolved a checkpoint (data: checkpoint_id, action, guidance) */
  CheckpointResolved: "checkpoint_resolved",
  /** nobody answered a review or checkpoint within execution.wait_expiry.after_hours; the configured action was taken (data: action, waited_hours, checkpoint_id) */
  WaitExpired: "wait_expired",
  /** findings learned from a task, seen by later tasks (data: knowledge_ids, categories) */
  KnowledgeExtracted: "knowledge_extracted",
  /** new findings wait for a person to accept or reject them (execution.knowledge_policy review or screen); later tasks do not see them until then (data: knowledge_ids, categories, source, screen_reasons) */
  KnowledgeProposed: "knowledge_proposed",
  /** a person accepted a finding (or edited it); later tasks see it (data: knowledge_id, source, by) */
  KnowledgeAccepted: "knowledge_accepted",
  /** a person rejected a finding; no task sees it (data: knowledge_id, source, by) */
  KnowledgeRejected: "knowledge_rejected",
  /** a completed task was committed in the workspace repository (data: commit, branch, files, files_total) */
  GitCommit: "git_commit",
  /** the project's branch was pushed (data: branch, remote, commit) */
  GitPush: "git_push",
  /** a git command failed (the task keeps its outcome) (data: operation) */
  GitError: "git_error",
  /** the SSE subscriber fell behind; reconnect with Last-Event-ID (data: last_seq) */
  StreamOverflow: "stream_overflow",
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/** The names an EventSource listens for: every type the server sends. */
export const EVENT_TYPES: readonly EventType[] = Object.values(EventTypes);

/** After these the run is over. */
export const RUN_ENDING_TYPES: ReadonlySet<string> = new Set<EventType>([EventTypes.ProjectCancelled, EventTypes.ProjectComplete, EventTypes.ProjectFailed]);
