// ---- spend (docs/spend.md)

/** Cache reads and writes are parts of the prompt tokens; cache_read_share is reads over prompt tokens (0–1). */
export interface CacheShare {
  prompt_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cache_read_share: number;
}

/** One task's calls on the tiers they ran on and on the scenario's tier. */
export interface TaskCostDifference {
  task_id: string;
  title: string;
  tier: string;
  scenario_tier: string;
  calls: number;
  actual_usd: number;
  scenario_usd: number;
  difference_usd: number;
}

/** saving_usd: the alternative minus the actual spend (positive: the run as routed was cheaper); saving_pct of the
 * alternative, null when it costs nothing. */
export interface ScenarioCost {
  name: string;
  total_usd: number;
  saving_usd: number;
  saving_pct: number | null;
  drivers: TaskCostDifference[];
}

/** GET /api/projects/{id}/runs/{run}/cost-report: a run priced again under other routings. */
export interface CostReport {
  project_id: string | null;
  run: number | null;
  from: string | null;
  to: string | null;
  actual_usd: number;
  repriced_usd: number;
  fixed_usd: number;
  calls: number;
  repriced_calls: number;
  cache: CacheShare;
  scenarios: ScenarioCost[];
  note: string;
}

/** GET /api/usage/forecast-accuracy: finished runs inside their plan's forecast range (inside_share null before any). */
export interface ForecastAccuracy {
  runs: number;
  inside: number;
  below: number;
  above: number;
  inside_share: number | null;
  calibration: { samples: number; calibrated_groups: number; min_samples: number };
}
