import type { Forecast, ForecastTask, ModelTier, PlanDocument, PlanTask } from "../../api";
import { planTasks } from "./planModel";

/** What one task of a given kind costs, as the server priced it in this plan's forecast. */
interface Rate {
  model_tier: ModelTier;
  model: string;
  low: number;
  high: number;
}

/** The server's per-task prices of a plan, by the facts it prices a task from: type, complexity and tier. */
export type Rates = ReadonlyMap<string, Rate>;

// The server routes a task by type and complexity unless it names a tier (the routing table), then prices its tokens
// by complexity on that tier's model: two tasks alike in these facts cost the same.
const exactKey = (t: PlanTask) => `${t.task_type}|${t.complexity}|${t.model_tier ?? "auto"}`;
const tierKey = (complexity: string, tier: string) => `*|${complexity}|${tier}`;

/** The prices the server's forecast gave the plan's tasks, keyed so that an edited or added task can reuse them. */
export function forecastRates(plan: PlanDocument, forecast: Forecast | null | undefined): Rates {
  const byIndex = new Map((forecast?.tasks ?? []).map((t) => [t.index, t]));
  const rates = new Map<string, Rate>();
  for (const { index, task } of planTasks(plan)) {
    const f = byIndex.get(index);
    if (!f) continue;
    const rate = { model_tier: f.model_tier, model: f.model, low: f.est_cost_usd_low, high: f.est_cost_usd_high };
    rates.set(exactKey(task), rate);
    // A task that names this tier, whatever its type, is priced alike (its type only chose the tier).
    rates.set(tierKey(task.complexity, f.model_tier), rate);
  }
  return rates;
}

export interface LiveForecast {
  total_usd_low: number;
  total_usd_high: number;
  /** By global index; a task with no comparable price yet is absent (the server prices it on save). */
  tasks: Map<number, ForecastTask>;
  unpriced: number;
}

/** The forecast of an edited plan, computed here from the server's prices of the plan as saved. */
export function liveForecast(plan: PlanDocument, rates: Rates): LiveForecast {
  const tasks = new Map<number, ForecastTask>();
  let low = 0;
  let high = 0;
  let unpriced = 0;
  for (const { index, task } of planTasks(plan)) {
    const rate = rates.get(exactKey(task)) ?? (task.model_tier ? rates.get(tierKey(task.complexity, task.model_tier)) : undefined);
    if (!rate) {
      unpriced++;
      continue;
    }
    tasks.set(index, { index, model_tier: rate.model_tier, model: rate.model, est_cost_usd_low: rate.low, est_cost_usd_high: rate.high });
    low += rate.low;
    high += rate.high;
  }
  return { total_usd_low: round(low), total_usd_high: round(high), tasks, unpriced };
}

// The server rounds money to millionths of a dollar.
const round = (usd: number) => Math.round(usd * 1e6) / 1e6;
