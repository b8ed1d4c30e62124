// Wire types of GET /api/projects/{id}/plans/{a}/diff/{b}: what changed from one plan version to another.
import type { PlanStatus } from "./types";
import type { Narrow, Schemas } from "./wire";

export type PlanDiffVersion = Narrow<Schemas["PlanVersionDto"], { status: PlanStatus }>;
export type DiffValue = string | number | string[] | null;
export type FieldChange = Narrow<Schemas["FieldChange"], { before: DiffValue; after: DiffValue }>;
export type DiffTask = Schemas["DiffTask"];
export type TaskChange = Narrow<Schemas["TaskChange"], { matched_by: "title" | "description"; changes: FieldChange[] }>;
export type CoverageSummary = Schemas["CoverageSummary"];
export type ForecastSummary = Schemas["ForecastSummary"];
export type PlanDiff = Narrow<Schemas["PlanDiffDto"], {
  from: PlanDiffVersion;
  to: PlanDiffVersion;
  summary: FieldChange | null;
  tasks: Narrow<Schemas["TaskDiff"], { changed: TaskChange[] }>;
}>;
