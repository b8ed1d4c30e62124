// Wire types of GET /api/projects/{id}/plans/{a}/diff/{b}: what changed from one plan version to another.
import type { EpochSeconds, PlanStatus } from "./types";

export interface PlanDiffVersion {
  id: string;
  version: number;
  status: PlanStatus;
  created_at: EpochSeconds;
}
export type DiffValue = string | number | string[] | null;
export interface FieldChange {
  field: string;
  before: DiffValue;
  after: DiffValue;
}
export interface DiffTask {
  index: number;
  title: string;
  phase: string | null;
  task_type: string;
  complexity: string;
  model_tier: string | null;
  depends_on: string[];
  requirement_ids: string[];
}
export interface TaskChange {
  before_index: number;
  after_index: number;
  title: string;
  matched_by: "title" | "description";
  changes: FieldChange[];
  dependencies_added: string[];
  dependencies_removed: string[];
}
export interface CoverageSummary {
  total_requirements: number;
  covered_count: number;
  uncovered_ids: string[];
}
export interface ForecastSummary {
  total_usd_low: number;
  total_usd_expected: number;
  total_usd_high: number;
  prompt_tokens_low: number;
  prompt_tokens_high: number;
  completion_tokens_low: number;
  completion_tokens_high: number;
  unpriced_tasks: number;
}
export interface PlanDiff {
  from: PlanDiffVersion;
  to: PlanDiffVersion;
  identical: boolean;
  summary: FieldChange | null;
  tasks: { added: DiffTask[]; removed: DiffTask[]; changed: TaskChange[]; unchanged_count: number };
  coverage: { before: CoverageSummary; after: CoverageSummary; newly_covered: string[]; newly_uncovered: string[] };
  forecast: { before: ForecastSummary; after: ForecastSummary; delta: ForecastSummary };
}
