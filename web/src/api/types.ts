// Wire types of the HTTP API, exactly as the API reference fixes them (docs/ and the OpenAPI document at /openapi/v1.json): snake_case fields,
// lowercase enum strings, timestamps in epoch seconds, money in USD.

import type { PlanDiff } from "./planDiffTypes";

export type EpochSeconds = number;

export type ProjectStatus =
  | "draft" | "planning" | "ready" | "executing" | "paused" | "completed" | "failed" | "cancelled";
export type PlanStatus = "draft" | "approved" | "superseded" | "rejected";
export type TaskStatus =
  | "pending" | "blocked" | "queued" | "running" | "completed" | "needs_review" | "failed" | "cancelled";
export type ModelTier = "ollama" | "haiku" | "sonnet" | "opus";
export type PlanningRigor = "L1" | "L2" | "L3";
export type ServiceStatus = "online" | "offline" | "degraded" | "checking";
export type VerificationStatus = "passed" | "gaps_found" | "human_needed" | "skipped";
export type UserRole = "admin" | "user";
export type Complexity = "simple" | "medium" | "complex";
export type KnowledgeCategory =
  | "constraint" | "decision" | "discovery" | "reference" | "gotcha" | "architecture";

export const KNOWLEDGE_CATEGORIES: readonly KnowledgeCategory[] = ["constraint", "decision", "discovery", "reference", "gotcha", "architecture"];
export const MODEL_TIERS: readonly ModelTier[] = ["ollama", "haiku", "sonnet", "opus"];
export const RIGORS: readonly PlanningRigor[] = ["L1", "L2", "L3"];
export const TASK_TYPES = ["code", "research", "analysis", "asset", "integration", "documentation"] as const;
export const COMPLEXITIES: readonly Complexity[] = ["simple", "medium", "complex"];

// ---- auth
export interface AuthUser {
  id: string;
  email: string;
  display_name: string;
  role: UserRole;
}
export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  user: AuthUser;
}
export interface RegisterRequest {
  email: string;
  password: string;
  display_name: string;
}
// ---- projects
export interface TaskSummary {
  total: number;
  completed: number;
  running: number;
  failed: number;
}
export interface ProjectListItem {
  id: string;
  name: string;
  status: ProjectStatus;
  planning_rigor: PlanningRigor;
  created_at: EpochSeconds;
  updated_at: EpochSeconds;
  completed_at: EpochSeconds | null;
  task_summary: TaskSummary | null;
}
export interface Project {
  id: string;
  name: string;
  status: ProjectStatus;
  planning_rigor: PlanningRigor;
  requirements: string;
  created_at: EpochSeconds;
  updated_at: EpochSeconds;
  completed_at?: EpochSeconds | null;
  status_reason?: string | null;
  config: Record<string, unknown>;
  /** A re-plan waits for approval or rejection: running tasks finish, no new task starts. */
  replanning?: boolean;
}
export interface CreateProjectRequest {
  name: string;
  requirements: string;
  planning_rigor?: PlanningRigor;
  config?: Record<string, unknown>;
}
export type UpdateProjectRequest = Partial<Pick<Project, "name" | "requirements" | "planning_rigor" | "config">>;

// ---- plans
export interface PlanTask {
  title: string;
  description: string;
  task_type: string;
  complexity: Complexity | string;
  depends_on: number[];
  tools_needed?: string[];
  requirement_ids?: string[];
  verification_criteria?: string;
  affected_files?: string[];
  model_tier?: ModelTier | null;
  priority?: number | null;
}
export interface PlanPhase {
  name: string;
  description: string;
  tasks: PlanTask[];
}
export interface OpenQuestion {
  question: string;
  proposed_answer: string;
  impact: string;
}
export interface Risk {
  risk: string;
  likelihood: string;
  impact: string;
  mitigation: string;
}
export interface TestStrategy {
  approach: string;
  test_tasks: string[];
  coverage_notes: string;
}
export interface PlanDocument {
  summary: string;
  tasks?: PlanTask[];
  phases?: PlanPhase[];
  open_questions?: OpenQuestion[];
  risk_assessment?: Risk[];
  test_strategy?: TestStrategy;
}
export interface ForecastTask {
  index: number;
  model_tier: ModelTier;
  model: string;
  est_cost_usd_low: number;
  est_cost_usd_high: number;
}
export interface Forecast {
  total_usd_low: number;
  total_usd_high: number;
  tasks: ForecastTask[];
}
export interface PlanVersion {
  id: string;
  version: number;
  status: PlanStatus;
  created_at: EpochSeconds;
  model_used: string;
  cost_usd: number;
  plan: PlanDocument;
  forecast: Forecast;
  /** Flat forecast totals; expected is the midpoint of the range. */
  forecast_low_usd?: number;
  forecast_expected_usd?: number;
  forecast_high_usd?: number;
  /** What the project spent since this plan was approved; null unless it is the approved plan. */
  spent_usd?: number | null;
  /** Approved past a budget cap with ?force=true. */
  approval_forced?: boolean;
  /** Set on a re-plan draft: the id of the plan that was running when it was made. */
  replan_of?: string | null;
  /** On a re-plan draft: the tasks it keeps as they are (completed, running or waiting for review). */
  kept_task_ids?: string[];
}

/** POST /api/projects/{id}/replan: both optional, up to 20,000 characters. */
export interface ReplanRequest {
  changes?: string;
  instructions?: string;
}
/** The re-plan draft: a plan version whose forecast covers the remaining work, with its diff against the running plan. */
export interface ReplanResult extends PlanVersion {
  replan_of: string;
  kept_task_ids: string[];
  diff: PlanDiff;
}

export interface PlanResult {
  id: string;
  plan_id: string;
  version: number;
  status: PlanStatus;
  plan: PlanDocument;
  forecast: Forecast;
  model_used: string;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}
export interface ApproveResult {
  ok: boolean;
  tasks_created: number;
  task_ids: string[];
  total_waves: number;
  estimated_cost_usd: number;
  summary: string;
  /** Approved past a budget cap with ?force=true. */
  forced?: boolean;
  /** A re-plan draft was approved: the unfinished part of the task graph was replaced. */
  swapped?: boolean;
}

// ---- tasks
export interface TaskListItem {
  id: string;
  project_id: string;
  plan_id: string;
  title: string;
  status: TaskStatus;
  task_type: string;
  model_tier: ModelTier;
  model_used: string | null;
  cost_usd: number;
  wave: number;
  phase: string | null;
  priority: number;
  depends_on: string[];
  requirement_ids: string[];
}
export interface TaskDetail extends TaskListItem {
  description: string;
  prompt_tokens: number;
  completion_tokens: number;
  tools: string[];
  verification_status: VerificationStatus | null;
  verification_notes: string | null;
  error: string | null;
  output_text: string | null;
  output_artifacts: unknown[];
  retry_count: number;
  started_at: EpochSeconds | null;
  completed_at: EpochSeconds | null;
  created_at: EpochSeconds;
  updated_at: EpochSeconds;
}
export interface UpdateTaskRequest {
  title?: string;
  description?: string;
  model_tier?: ModelTier;
  priority?: number;
  max_tokens?: number;
}
export type BulkTaskAction = "retry" | "cancel";
export interface BulkTaskResult {
  succeeded: string[];
  failed: { id: string; reason: string }[];
}
export interface ReviewRequest {
  action: "approve" | "retry";
  feedback?: string;
}

// ---- checkpoints
export type CheckpointAction = "retry" | "skip" | "fail";
export interface CheckpointAttempt {
  message: string;
  timestamp: EpochSeconds;
}
export interface Checkpoint {
  id: string;
  project_id: string;
  task_id: string | null;
  /** Beyond api.md: the task's title, so a list needs no second call. */
  task_title?: string | null;
  /** `retry_exhausted` or `verification_exhausted` from this server; shown as is. */
  checkpoint_type: string;
  summary: string;
  attempts: CheckpointAttempt[];
  /** Beyond api.md: the errors or verifier notes seen on the way. */
  errors?: string[];
  question: string | null;
  /** The guidance given when it was resolved. */
  response: string | null;
  /** Beyond api.md: the action it was resolved with (retry, skip, fail). */
  resolution?: string | null;
  created_at: EpochSeconds;
  resolved_at: EpochSeconds | null;
}
export interface ResolveCheckpointRequest {
  action: CheckpointAction;
  guidance?: string;
  gotcha?: string;
}

// ---- export and import
/** GET /api/projects/{id}/export as a file: its name from Content-Disposition and the JSON document. */
export interface DownloadedFile {
  filename: string;
  blob: Blob;
}
/** The export document; import sends it back as is. */
export interface ProjectExport {
  exported_at?: EpochSeconds;
  project: Record<string, unknown>;
  [section: string]: unknown;
}

// ---- coverage and knowledge
export interface RequirementCoverage {
  id: string;
  text: string;
  covered: boolean;
  task_ids: string[];
  completed: boolean;
}
export interface Coverage {
  project_id: string;
  total_requirements: number;
  covered_count: number;
  uncovered_count: number;
  requirements: RequirementCoverage[];
}
/** proposed: waits for a person (not injected); accepted: injected into later prompts; rejected: never injected. */
export type KnowledgeStatus = "proposed" | "accepted" | "rejected";
/** task: extracted from a task's output; checkpoint: a gotcha given at a checkpoint; person: added through the API. */
export type KnowledgeSource = "task" | "checkpoint" | "person";

export interface KnowledgeItem {
  id: string;
  project_id: string;
  task_id: string | null;
  category: KnowledgeCategory | string;
  content: string;
  source_task_title: string | null;
  created_at: EpochSeconds;
  /** Absent from servers before knowledge screening: read as an accepted task finding. */
  source?: KnowledgeSource | string;
  checkpoint_id?: string | null;
  added_by?: string | null;
  status?: KnowledgeStatus | string;
  /** Which screening rule held a proposed finding (execution.knowledge_policy screen). */
  screen_reason?: string | null;
  reviewed_by?: string | null;
  reviewed_at?: EpochSeconds | null;
  edited_by?: string | null;
  edited_at?: EpochSeconds | null;
}

export interface KnowledgeEdit {
  content?: string;
  category?: KnowledgeCategory;
}

// ---- live events
export interface ProjectEvent {
  type: string;
  message: string;
  timestamp: EpochSeconds;
  project_id: string;
  task_id?: string;
  cost_usd?: number;
  tool?: string;
  checkpoint_id?: string;
  wave?: number;
  next_wave?: number;
  verification_notes?: string;
  level?: "warn" | "exhausted" | string;
  [extra: string]: unknown;
}

// ---- usage
export interface ModelUsage {
  calls: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}
export interface ProviderUsage {
  calls: number;
  cost_usd: number;
}
export interface UsageSummary {
  total_cost_usd: number;
  total_prompt_tokens: number;
  total_completion_tokens: number;
  api_call_count: number;
  by_model: Record<string, ModelUsage>;
  by_provider: Record<string, ProviderUsage>;
}
export interface BudgetStatus {
  daily_spent_usd: number;
  daily_limit_usd: number;
  daily_pct: number;
  monthly_spent_usd: number;
  monthly_limit_usd: number;
  monthly_pct: number;
  reserved_usd: number;
  /** installation: the amounts are everyone's (an admin); own: the caller's own. Percentages and levels are always the
   * installation's caps'. */
  scope: "installation" | "own";
  daily_level: BudgetLevel;
  monthly_level: BudgetLevel;
}
export type BudgetLevel = "ok" | "warning" | "exhausted";
export interface DailyUsage {
  date: string;
  api_calls: number;
  cost_usd: number;
  prompt_tokens: number;
  completion_tokens: number;
}
export interface ProjectUsage {
  project_id: string;
  project_name: string;
  cost_usd: number;
  prompt_tokens: number;
  completion_tokens: number;
  api_calls: number;
}

// ---- notifications
export type DeliveryStatus = "pending" | "delivered" | "failed";

/** A webhook delivery (GET /api/notifications/deliveries): never the secret; the url without its query string. */
export interface Delivery {
  id: string;
  url: string;
  kind: string;
  event: string;
  event_seq: number;
  project_id: string;
  task_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  next_attempt_at: number | null;
}

// ---- services
export interface ServiceEntry {
  id: string;
  name: string;
  status: ServiceStatus;
  method: string;
  details: Record<string, unknown>;
  category: string;
}

// ---- admin
export interface AdminUser {
  id: string;
  email: string;
  display_name: string;
  role: UserRole;
  is_active: boolean;
  last_login_at: EpochSeconds | null;
  project_count: number;
}
export interface AdminStats {
  total_users: number;
  active_users: number;
  total_projects: number;
  projects_by_status: Record<string, number>;
  total_tasks: number;
  tasks_by_status: Record<string, number>;
  task_completion_rate: number;
  total_spend_usd: number;
  spend_by_model: Record<string, number>;
}
export interface UsageOverview {
  summary: { total_cost_usd: number; total_api_calls: number; total_tokens: number; active_projects: number };
  by_purpose: { purpose: string; api_calls: number; cost_usd: number; pct_of_total: number }[];
  by_provider: {
    provider: string; api_calls: number; prompt_tokens: number; completion_tokens: number; cost_usd: number; pct_of_total: number;
  }[];
  by_model: { model: string; provider: string; api_calls: number; cost_usd: number; pct_of_total: number }[];
}

export type * from "./accountTypes";
export type * from "./planDiffTypes";
export type * from "./spendTypes";
