import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { CostReport } from "../../api";
import { FakeEventSource } from "../../test/fakeEventSource";
import { project } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";

const report: CostReport = {
  project_id: "p1", run: 2, from: null, to: null, actual_usd: 0.75, repriced_usd: 0.75, fixed_usd: 0, calls: 2, repriced_calls: 2,
  cache: { prompt_tokens: 1_200_000, cache_read_tokens: 500_000, cache_write_tokens: 0, cache_read_share: 0.4167 },
  scenarios: [
    { name: "all_sonnet", total_usd: 2.25, saving_usd: 1.5, saving_pct: 66.67, drivers: [
      { task_id: "t1", title: "Parse the CSV", tier: "haiku", scenario_tier: "sonnet", calls: 2, actual_usd: 0.75, scenario_usd: 2.25, difference_usd: 1.5 },
    ] },
    { name: "all_haiku", total_usd: 0.5, saving_usd: -0.25, saving_pct: -50, drivers: [] },
  ],
  note: "Alternatives price the token counts observed in this run.",
};

async function panel() {
  return screen.findByRole("region", { name: "Spend and alternatives" });
}

describe("project detail: spend and alternatives", () => {
  beforeEach(() => FakeEventSource.reset());

  it("shows the latest run beside all-Sonnet and all-Haiku, the cache share, the tasks behind the difference and the note", async () => {
    const server = projectServer(project({ status: "completed" })).json("GET", "/api/projects/p1/runs/latest/cost-report", report);
    renderApp("/projects/p1", server);
    const region = await panel();

    expect(await within(region).findByText(/Run 2:/)).toHaveTextContent("Run 2: $0.7500 over 2 calls · cache reads 41.7% of 1,200,000 prompt tokens");
    const rows = within(within(region).getByRole("table")).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("all sonnet$2.25$1.50 (66.7%)");
    expect(rows[2]).toHaveTextContent("all haiku$0.5000−$0.2500 (50%) more than the alternative");
    expect(within(region).getByRole("list", { name: "Tasks that drive the difference" }))
      .toHaveTextContent("Parse the CSV: $0.7500 on haiku, $2.25 on sonnet");
    expect(within(region).getByText(report.note)).toBeInTheDocument();
  });

  it("says the report comes after a run when the project has none", async () => {
    renderApp("/projects/p1", projectServer(project()));
    expect(await within(await panel()).findByText("The cost report appears once the project has run.")).toBeInTheDocument();
  });

  it("shows beside the plan's forecast how many finished runs stayed inside their range", async () => {
    const server = projectServer(project()).json("GET", "/api/usage/forecast-accuracy",
      { runs: 12, inside: 11, below: 1, above: 0, inside_share: 0.9167, calibration: { samples: 81, calibrated_groups: 8, min_samples: 5 } });
    renderApp("/projects/p1", server);
    expect(await screen.findByTestId("forecast-accuracy"))
      .toHaveTextContent("11 of 12 finished runs inside the range; estimates learned from 81 finished tasks");
  });

  it("says nothing about past forecasts before the first run", async () => {
    const server = projectServer(project()).json("GET", "/api/usage/forecast-accuracy",
      { runs: 0, inside: 0, below: 0, above: 0, inside_share: null, calibration: { samples: 0, calibrated_groups: 0, min_samples: 5 } });
    renderApp("/projects/p1", server);
    await screen.findByTestId("forecast-total");
    expect(server.requests.some((r) => r.path === "/api/usage/forecast-accuracy")).toBe(true);
    expect(screen.queryByTestId("forecast-accuracy")).toBeNull();
  });
});
