import { MODEL_TIERS, type DailyUsage, type UsageSummary } from "../../api";

export interface DayPoint {
  date: string;
  /** "11-25": the axis label. */
  day: string;
  spend: number;
  overCap: boolean;
}

/** The days as the chart draws them, each marked when its spend went past the daily cap (no cap: never). */
export function dailyPoints(days: readonly DailyUsage[], cap: number | null | undefined): DayPoint[] {
  return days.map((d) => ({ date: d.date, day: d.date.slice(5), spend: d.cost_usd, overCap: !!cap && cap > 0 && d.cost_usd > cap }));
}

/** The y axis's top: the highest day or the cap, whichever is higher, so the cap line is always in view. */
export function dailyAxisMax(points: readonly DayPoint[], cap: number | null | undefined): number {
  return Math.max(0, cap ?? 0, ...points.map((p) => p.spend));
}

export interface ModelSpend {
  model: string;
  spend: number;
  calls: number;
}

/** Spend per model, most expensive first; ties by name so the order is stable. */
export function spendByModel(summary: UsageSummary): ModelSpend[] {
  return Object.entries(summary.by_model)
    .map(([model, m]) => ({ model, spend: m.cost_usd, calls: m.calls }))
    .sort((a, b) => b.spend - a.spend || a.model.localeCompare(b.model));
}

export interface TierSpend {
  tier: string;
  spend: number;
}

/** The tier a model serves, read from its name (claude-sonnet-4-6 → sonnet); local and other models are "other". */
export function tierOfModel(model: string): string {
  return MODEL_TIERS.find((tier) => tier !== "ollama" && model.toLowerCase().includes(tier)) ?? "other";
}

/** Spend per model tier, in the tiers' own order (cheapest first), "other" last; tiers without spend are left out. */
export function spendByTier(summary: UsageSummary): TierSpend[] {
  const totals = new Map<string, number>();
  for (const [model, usage] of Object.entries(summary.by_model)) {
    const tier = tierOfModel(model);
    totals.set(tier, (totals.get(tier) ?? 0) + usage.cost_usd);
  }
  return [...MODEL_TIERS, "other"].filter((t) => totals.has(t)).map((tier) => ({ tier, spend: totals.get(tier)! }));
}
