// Wire types of the HTTP API (docs/api.md): derived from the server's OpenAPI document (./wire.ts) wherever the server
// declares them, narrowed where the document says only "string" (enum values) or "any JSON" (plan documents, forecasts).
// snake_case fields, lowercase enum strings, timestamps in epoch seconds, money in USD.

import type { PlanDiff } from "./planDiffTypes";
import type { Body, Narrow, Schemas } from "./wire";

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
export type AuthUser = Narrow<Schemas["UserDto"], { role: UserRole }>;
export type TokenPair = Narrow<Schemas["TokenPairDto"], { user: AuthUser }>;
export type RegisterRequest = Body<Schemas["RegisterRequest"], "email" | "password" | "display_name">;
// ---- projects
export type TaskSummary = Schemas["TaskSummaryDto"];
export type ProjectListItem = Narrow<Schemas["ProjectListItemDto"], { status: ProjectStatus; planning_rigor: PlanningRigor }>;
/** `replanning`: a re-plan waits for approval or rejection: running tasks finish, no new task starts. */
export type Project = Narrow<Schemas["ProjectDto"], {
  status: ProjectStatus; planning_rigor: PlanningRigor; config: Record<string, unknown>;
}>;
type ProjectFields = { planning_rigor: PlanningRigor; config: Record<string, unknown> };
export type CreateProjectRequest = Narrow<Body<Schemas["CreateProjectRequest"], "name" | "requirements">, Partial<ProjectFields>>;
export type UpdateProjectRequest = Narrow<Body<Schemas["UpdateProjectRequest"]>, Partial<ProjectFields>>;

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
/** `forecast_*_usd`: flat forecast totals, expected the midpoint of the range; `spent_usd`: what the project spent since
 * this plan was approved (null unless it is the approved plan); `approval_forced`: approved past a budget cap with
 * ?force=true; `replan_of` and `kept_task_ids`: set on a re-plan draft (the plan running when it was made, the tasks it
 * keeps as they are). */
export type PlanVersion = Narrow<Schemas["PlanDto"], { status: PlanStatus; plan: PlanDocument; forecast: Forecast }>;
/** POST /api/projects/{id}/plan answers with the new plan version. */
export type PlanResult = PlanVersion;

/** POST /api/projects/{id}/replan: both optional, up to 20,000 characters. */
export type ReplanRequest = Body<Schemas["ReplanRequest"]>;
/** The re-plan draft: a plan version whose forecast covers the remaining work, with its diff against the running plan. */
export type ReplanResult = Narrow<Schemas["ReplanResponse"], {
  status: PlanStatus; plan: PlanDocument; forecast: Forecast; diff: PlanDiff;
}>;
/** `forced`: approved past a budget cap with ?force=true; `swapped`: a re-plan draft was approved and the unfinished
 * part of the task graph was replaced. */
export type ApproveResult = Schemas["ApproveResponse"];

// ---- tasks
export type TaskDetail = Narrow<Schemas["TaskDto"], {
  status: TaskStatus; model_tier: ModelTier; verification_status: VerificationStatus | null;
}>;
/** The fields the task lists and the graph read of the same DTO. */
export type TaskListItem = Pick<TaskDetail,
  | "id" | "project_id" | "plan_id" | "title" | "status" | "task_type" | "model_tier" | "model_used" | "cost_usd" | "wave"
  | "phase" | "priority" | "depends_on" | "requirement_ids">;
export type UpdateTaskRequest = Narrow<Body<Schemas["UpdateTaskRequest"]>, { model_tier?: ModelTier }>;
export type BulkTaskAction = "retry" | "cancel";
export type BulkTaskResult = Schemas["BulkTaskActionResponse"];
export type ReviewRequest = Narrow<Body<Schemas["ReviewRequest"], "action">, { action: "approve" | "retry" }>;

// ---- checkpoints
export type CheckpointAction = "retry" | "skip" | "fail";
export type CheckpointAttempt = Schemas["CheckpointAttemptDto"];
/** `checkpoint_type`: `retry_exhausted` or `verification_exhausted` from this server, shown as is; `errors`: the errors
 * or verifier notes seen on the way; `response`: the guidance given when it was resolved, `resolution` its action. */
export type Checkpoint = Schemas["CheckpointDto"];
export type ResolveCheckpointRequest = Narrow<Body<Schemas["ResolveRequest"], "action">, { action: CheckpointAction }>;

// ---- paged lists
/** One page of a paged list (offset and limit), with the total the server counts (X-Total-Count). */
export interface Page<T> {
  items: T[];
  total: number;
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
export type RequirementCoverage = Schemas["RequirementCoverageDto"];
export type Coverage = Schemas["CoverageDto"];
/** proposed: waits for a person (not injected); accepted: injected into later prompts; rejected: never injected. */
export type KnowledgeStatus = "proposed" | "accepted" | "rejected";
/** task: extracted from a task's output; checkpoint: a gotcha given at a checkpoint; person: added through the API. */
export type KnowledgeSource = "task" | "checkpoint" | "person";

/** `screen_reason`: which screening rule held a proposed finding (execution.knowledge_policy screen). */
export type KnowledgeItem = Narrow<Schemas["KnowledgeDto"], { source: KnowledgeSource | string; status: KnowledgeStatus | string }>;
export type KnowledgeEdit = Narrow<Body<Schemas["EditRequest"]>, { category?: KnowledgeCategory }>;

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
export type ModelUsage = Schemas["ModelUsageDto"];
export type ProviderUsage = Schemas["ProviderUsageDto"];
export type UsageSummary = Schemas["UsageSummaryDto"];
export type BudgetLevel = "ok" | "warning" | "exhausted";
/** `scope` installation: the amounts are everyone's (an admin); own: the caller's own. Percentages and levels are
 * always the installation's caps'. */
export type BudgetStatus = Narrow<Schemas["BudgetStatusDto"], {
  scope: "installation" | "own"; daily_level: BudgetLevel; monthly_level: BudgetLevel;
}>;
export type DailyUsage = Schemas["DailyUsageDto"];
export type ProjectUsage = Schemas["ProjectUsageDto"];

// ---- notifications
export type DeliveryStatus = "pending" | "delivered" | "failed";

/** A webhook delivery (GET /api/notifications/deliveries): never the secret; the url without its query string. */
export type Delivery = Narrow<Schemas["DeliveryDto"], { status: DeliveryStatus }>;

// ---- services
export type ServiceEntry = Narrow<Schemas["ServiceStatus"], { status: ServiceStatus; details: Record<string, unknown> }>;

// ---- admin
export type AdminUser = Narrow<Schemas["AdminUserDto"], { role: UserRole }>;
export type AdminStats = Schemas["StatsDto"];
export type UsageOverview = Schemas["OverviewDto"];

export type * from "./accountTypes";
export type * from "./planDiffTypes";
export type * from "./spendTypes";
