// ---- spend (docs/spend.md)
import type { Narrow, Schemas } from "./wire";

/** Cache reads and writes are parts of the prompt tokens; cache_read_share is reads over prompt tokens (0–1). */
export type CacheShare = Schemas["CacheShareDto"];
/** One task's calls on the tiers they ran on and on the scenario's tier. */
export type TaskCostDifference = Schemas["TaskCostDifferenceDto"];
/** saving_usd: the alternative minus the actual spend (positive: the run as routed was cheaper); saving_pct of the
 * alternative, null when it costs nothing. */
export type ScenarioCost = Schemas["ScenarioCostDto"];
/** GET /api/projects/{id}/runs/{run}/cost-report: a run priced again under other routings. */
export type CostReport = Schemas["CostReportDto"];
/** One finished run against its plan's forecast range. */
export type RunForecast = Narrow<Schemas["RunForecastDto"], { outcome: "below" | "inside" | "above" }>;
/** GET /api/usage/forecast-accuracy: finished runs inside their plan's forecast range (inside_share null before any), the
 * most recent ones listed. */
export type ForecastAccuracy = Narrow<Schemas["ForecastAccuracyDto"], { recent_runs: RunForecast[] }>;
