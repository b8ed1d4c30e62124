import { describe, expect, it } from "vitest";
import type { Forecast, PlanDocument, PlanTask } from "../../api";
import { forecastRates, liveForecast } from "./planForecast";

const t = (title: string, over: Partial<PlanTask> = {}): PlanTask =>
  ({ title, description: "", task_type: "code", complexity: "simple", depends_on: [], ...over });
const plan: PlanDocument = { summary: "s", tasks: [t("a"), t("b", { complexity: "complex" }), t("c", { task_type: "research", model_tier: "haiku" })] };
const forecast: Forecast = {
  total_usd_low: 0.0131, total_usd_high: 0.1061,
  tasks: [
    { index: 0, model_tier: "sonnet", model: "claude-sonnet-4-5", est_cost_usd_low: 0.002, est_cost_usd_high: 0.02 },
    { index: 1, model_tier: "opus", model: "claude-opus-4-5", est_cost_usd_low: 0.01, est_cost_usd_high: 0.08 },
    { index: 2, model_tier: "haiku", model: "claude-haiku-4-5", est_cost_usd_low: 0.0011, est_cost_usd_high: 0.0061 },
  ],
};
const rates = forecastRates(plan, forecast);

describe("live forecast", () => {
  it("gives the saved plan the server's prices", () => {
    const live = liveForecast(plan, rates);
    expect([live.total_usd_low, live.total_usd_high, live.unpriced]).toEqual([0.0131, 0.1061, 0]);
    expect(live.tasks.get(1)).toMatchObject({ model_tier: "opus", est_cost_usd_high: 0.08 });
  });

  it("follows an added task of a kind the plan already prices, and a removed one", () => {
    const more = { ...plan, tasks: [...plan.tasks!, t("d")] };
    expect(liveForecast(more, rates)).toMatchObject({ total_usd_low: 0.0151, total_usd_high: 0.1261, unpriced: 0 });
    const fewer = { ...plan, tasks: plan.tasks!.slice(1) };
    expect(liveForecast(fewer, rates)).toMatchObject({ total_usd_low: 0.0111, total_usd_high: 0.0861 });
  });

  it("prices a task set to a tier the plan uses by that tier, and leaves one it cannot price to the server", () => {
    const edited = { ...plan, tasks: [t("a", { task_type: "analysis", model_tier: "sonnet" }), t("z", { task_type: "asset" })] };
    const live = liveForecast(edited, rates);
    expect(live.tasks.get(0)).toMatchObject({ model: "claude-sonnet-4-5", est_cost_usd_low: 0.002 });
    expect(live.tasks.has(1)).toBe(false);
    expect(live).toMatchObject({ total_usd_low: 0.002, total_usd_high: 0.02, unpriced: 1 });
  });
});
