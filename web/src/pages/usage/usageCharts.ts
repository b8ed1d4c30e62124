import type { DailyUsage, UsageSummary } from "../../api";

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
