import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ForecastAccuracy } from "../../api";
import { budget, byProject, daily, summary } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

function usageServer() {
  return baseServer()
    .json("GET", "/api/usage/summary", summary)
    .json("GET", "/api/usage/budget", budget)
    .json("GET", "/api/usage/daily", daily)
    .json("GET", "/api/usage/by-project", byProject)
    .json("GET", "/api/usage/forecast-accuracy", accuracy);
}

const accuracy: ForecastAccuracy = {
  runs: 2, inside: 1, below: 0, above: 1, inside_share: 0.5, calibration: { samples: 4, calibrated_groups: 0, min_samples: 5 },
  recent_runs: [
    { project_id: "p1", project_name: "hello-world", plan_id: "plan2", forecast_low_usd: 0.01, forecast_high_usd: 0.05, actual_usd: 0.08, outcome: "above" },
    { project_id: "p2", project_name: "fresh idea", plan_id: "plan1", forecast_low_usd: 0.01, forecast_high_usd: 0.05, actual_usd: 0.02, outcome: "inside" },
  ],
};

describe("usage", () => {
  it("shows totals and labels simulated usage", async () => {
    renderApp("/usage", usageServer());
    const region = await screen.findByRole("region", { name: "Summary" });
    expect(await within(region).findByText("$1.23")).toBeInTheDocument();
    expect(region).toHaveTextContent("Model calls42");
    const providers = within(region).getByRole("table", { name: "By provider" });
    const simulatedRow = within(providers).getByRole("rowheader", { name: /simulated/ });
    expect(within(simulatedRow).getByText("simulated", { selector: ".badge" })).toBeInTheDocument();
    expect(within(providers).getByRole("rowheader", { name: "ollama" })).toBeInTheDocument();
  });

  it("draws the daily and monthly budget with the reserved amount", async () => {
    renderApp("/usage", usageServer());
    const daily = await screen.findByRole("meter", { name: "Daily budget" });
    expect(daily).toHaveAttribute("aria-valuenow", "80");
    expect(daily).toHaveAttribute("aria-valuetext", "Daily: $4.00 of $5.00 (80%), $0.5000 reserved");
    expect(daily.querySelector(".bar-warn")).toHaveStyle({ width: "80%" });
    expect(daily.querySelector(".bar-reserved")).toHaveStyle({ width: "10%" });
    expect(screen.getByRole("meter", { name: "Monthly budget" })).toHaveAttribute("aria-valuenow", "20");
    expect(screen.getByText(/Reserved by running work: \$0.5000/)).toBeInTheDocument();
  });

  it("shows a user how full the installation's caps are and their own spend, not everyone's", async () => {
    const own = { ...budget, scope: "own" as const, daily_spent_usd: 0.25, monthly_spent_usd: 1, daily_pct: 88, daily_level: "warning" as const,
      monthly_level: "ok" as const, reserved_usd: 0.1 };
    renderApp("/usage", usageServer().json("GET", "/api/usage/budget", own));
    const daily = await screen.findByRole("meter", { name: "Daily budget" });
    expect(daily).toHaveAttribute("aria-valuetext", "Daily: the installation's $5.00 cap is 88% used (warning); you spent $0.2500");
    expect(daily.querySelector(".bar-warn")).toHaveStyle({ width: "88%" });
    expect(daily.querySelector(".bar-reserved")).toBeNull();
    expect(screen.getByText(/Your running work has reserved \$0.1000/)).toBeInTheDocument();
  });

  it("charts daily spend with one bar per day against the daily cap, days over it marked, and a table of the figures", async () => {
    renderApp("/usage", usageServer().json("GET", "/api/usage/budget", { ...budget, daily_limit_usd: 1 }));
    const chart = await screen.findByRole("figure", { name: /Daily spend over 3 days, \$1.75 in total/ });
    expect(chart).toHaveAccessibleName("Daily spend over 3 days, $1.75 in total, at most $1.25 a day; daily cap $1.00, exceeded on 1 day");
    const bars = chart.querySelectorAll(".recharts-bar-rectangle path");
    expect(bars).toHaveLength(2); // the zero day draws no bar
    expect(chart.querySelectorAll("path.chart-bar-over")).toHaveLength(1);
    expect(Number(bars[1]!.getAttribute("height"))).toBeGreaterThan(Number(bars[0]!.getAttribute("height")));
    expect(chart.querySelector(".chart-cap")).not.toBeNull();
    expect(within(chart).getByText("cap $1.00")).toBeInTheDocument();
    expect(within(chart).getAllByText("11-25").length).toBeGreaterThan(0);
    expect(screen.getByRole("rowheader", { name: "2026-11-25" }).closest("tr")).toHaveTextContent("$1.25");
  });

  it("charts spend by model, most expensive first", async () => {
    const two = { ...summary, by_model: { ...summary.by_model, "claude-haiku-4-5": { calls: 2, prompt_tokens: 10, completion_tokens: 5, cost_usd: 0.3 } } };
    renderApp("/usage", usageServer().json("GET", "/api/usage/summary", two));
    const chart = await screen.findByRole("figure", { name: /^Spend by model/ });
    expect(chart).toHaveAccessibleName("Spend by model: claude-sonnet-4-5 $1.20, claude-haiku-4-5 $0.3000");
    const bars = [...chart.querySelectorAll(".recharts-bar-rectangle path")].map((b) => Number(b.getAttribute("width")));
    expect(bars).toHaveLength(2);
    expect(bars[0]!).toBeGreaterThan(bars[1]! * 3);
  });

  it("charts spend by tier, read from the models' names", async () => {
    const two = { ...summary, by_model: { ...summary.by_model, "claude-haiku-4-5": { calls: 2, prompt_tokens: 10, completion_tokens: 5, cost_usd: 0.3 } } };
    renderApp("/usage", usageServer().json("GET", "/api/usage/summary", two));
    const chart = await screen.findByRole("figure", { name: /^Spend by tier/ });
    expect(chart).toHaveAccessibleName("Spend by tier: haiku $0.3000, sonnet $1.20");
    expect(chart.querySelectorAll(".recharts-bar-rectangle path")).toHaveLength(2);
  });

  it("sets each recent run's actual spend against its forecast, by project", async () => {
    renderApp("/usage", usageServer());
    const region = await screen.findByRole("region", { name: "Forecast against actual" });
    expect(await within(region).findByText(/^1 of 2 finished runs \(50%\) spent inside their forecast; 0 below, 1 above\.$/)).toBeInTheDocument();
    const row = within(region).getByRole("rowheader", { name: "hello-world" }).closest("tr")!;
    expect(row).toHaveTextContent("$0.0100–$0.0500$0.0800above the forecast");
    expect(within(region).getByRole("link", { name: "fresh idea" })).toHaveAttribute("href", "/projects/p2");
  });

  it("lists spend by project", async () => {
    renderApp("/usage", usageServer());
    const region = await screen.findByRole("region", { name: "By project" });
    expect(await within(region).findByRole("link", { name: "hello-world" })).toHaveAttribute("href", "/projects/p1");
    expect(region).toHaveTextContent("$1.20");
  });

  it("shows a refusal in place of a section it may not see", async () => {
    renderApp("/usage", usageServer().problem("GET", "/api/usage/budget", 403, "Only administrators can see the budget."));
    const region = await screen.findByRole("region", { name: "Budget" });
    expect(await within(region).findByRole("alert")).toHaveTextContent("Only administrators can see the budget.");
  });
});
