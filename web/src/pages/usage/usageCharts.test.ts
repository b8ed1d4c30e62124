import { describe, expect, it } from "vitest";
import { daily, summary } from "../../test/fixtures";
import { dailyAxisMax, dailyPoints, spendByModel, spendByTier } from "./usageCharts";

describe("usage chart data", () => {
  it("marks the days whose spend went past the daily cap", () => {
    expect(dailyPoints(daily, 0.75).map((p) => [p.day, p.spend, p.overCap])).toEqual([
      ["11-23", 0.5, false], ["11-24", 0, false], ["11-25", 1.25, true],
    ]);
    expect(dailyPoints(daily, 0).some((p) => p.overCap)).toBe(false);
    expect(dailyPoints(daily, undefined).some((p) => p.overCap)).toBe(false);
  });

  it("keeps the cap line in view when every day is under it", () => {
    expect(dailyAxisMax(dailyPoints(daily, 5), 5)).toBe(5);
    expect(dailyAxisMax(dailyPoints(daily, 1), 1)).toBe(1.25);
  });

  it("orders models by spend, then by name", () => {
    const s = { ...summary, by_model: {
      b: { calls: 1, prompt_tokens: 0, completion_tokens: 0, cost_usd: 0.1 },
      a: { calls: 1, prompt_tokens: 0, completion_tokens: 0, cost_usd: 0.1 },
      c: { calls: 3, prompt_tokens: 0, completion_tokens: 0, cost_usd: 2 },
    } };
    expect(spendByModel(s).map((m) => m.model)).toEqual(["c", "a", "b"]);
  });

  it("sums spend by the tier each model's name names, in tier order, other models last", () => {
    const use = (cost_usd: number) => ({ calls: 1, prompt_tokens: 0, completion_tokens: 0, cost_usd });
    const s = { ...summary, by_model: {
      "claude-sonnet-4-6": use(1), "qwen2.5-coder:14b": use(0), "claude-haiku-4-5-20251001": use(0.25), "claude-sonnet-4-5": use(0.5),
    } };
    expect(spendByTier(s)).toEqual([{ tier: "haiku", spend: 0.25 }, { tier: "sonnet", spend: 1.5 }, { tier: "other", spend: 0 }]);
  });
});
