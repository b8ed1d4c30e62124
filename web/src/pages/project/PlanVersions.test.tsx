import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { PlanDiff } from "../../api";
import { FakeEventSource } from "../../test/fakeEventSource";
import { planVersion, project } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";

const forecast = (low: number, high: number) => ({
  total_usd_low: low, total_usd_expected: (low + high) / 2, total_usd_high: high, prompt_tokens_low: 0, prompt_tokens_high: 20000,
  completion_tokens_low: 0, completion_tokens_high: 5000, unpriced_tasks: 0,
});

const diff: PlanDiff = {
  from: { id: "plan1", version: 1, status: "superseded", created_at: 1 },
  to: { id: "plan2", version: 2, status: "draft", created_at: 2 },
  identical: false,
  summary: null,
  tasks: {
    added: [{ index: 3, title: "Add tests", phase: "Build", task_type: "code", complexity: "medium", model_tier: null,
      depends_on: ["Write hello.py"], requirement_ids: ["R1"] }],
    removed: [{ index: 2, title: "Summarise", phase: "Document", task_type: "documentation", complexity: "simple", model_tier: null,
      depends_on: [], requirement_ids: [] }],
    changed: [{ before_index: 1, after_index: 1, title: "Write RUN.md", matched_by: "title",
      changes: [{ field: "complexity", before: "simple", after: "complex" }, { field: "model_tier", before: null, after: "opus" }],
      dependencies_added: [], dependencies_removed: ["Write hello.py"] }],
    unchanged_count: 1,
  },
  coverage: {
    before: { total_requirements: 2, covered_count: 1, uncovered_ids: ["R2"] },
    after: { total_requirements: 2, covered_count: 2, uncovered_ids: [] },
    newly_covered: ["R2"], newly_uncovered: [],
  },
  forecast: { before: forecast(0.01, 0.03), after: forecast(0.02, 0.5), delta: forecast(0.01, 0.47) },
};

const versions = [
  planVersion({ id: "plan2", version: 2, status: "approved", spent_usd: 0.0212, forecast_expected_usd: 0.0177, approval_forced: true }),
  planVersion({ id: "plan1", version: 1, status: "superseded", spent_usd: null }),
];

describe("project detail: plan versions", () => {
  beforeEach(() => FakeEventSource.reset());

  it("lists every version with status, forecast and spend", async () => {
    renderApp("/projects/p1", projectServer(project({ status: "ready" }), { plans: versions }));
    const table = await screen.findByRole("table", { name: "Plan versions" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("v2");
    expect(rows[0]).toHaveTextContent("forced");
    expect(rows[0]).toHaveTextContent("$0.0042–$0.0311 (expected $0.0177)");
    expect(rows[0]).toHaveTextContent("$0.0212");
    expect(rows[1]).toHaveTextContent("v1");
    expect(rows[1]).toHaveTextContent("—");
    expect(await screen.findByRole("meter", { name: "Project spend" })).toHaveAttribute("aria-valuetext",
      "Spent $0.0212 of $0.0311 forecast (high): 68.2% of the bar");
  });

  it("draws the running plan's spend against its forecast and the project's cap", async () => {
    renderApp("/projects/p1", projectServer(project({ status: "executing", config: { budget: { per_project_limit_usd: 0.05 } } }), { plans: versions }));
    const meter = await screen.findByRole("meter", { name: "Project spend" });
    expect(meter).toHaveAttribute("aria-valuetext", "Spent $0.0212 of $0.0311 forecast (high) and a $0.0500 project cap: 42.4% of the bar");
    expect(meter.querySelector(".bar-ok")).not.toBeNull();
    expect(meter.querySelector(".bar-mark")).not.toBeNull();
  });

  it("compares two chosen versions inline: added, removed, changed fields, coverage and forecast", async () => {
    const server = projectServer(project({ status: "ready" }), { plans: versions })
      .json("GET", "/api/projects/p1/plans/1/diff/2", diff);
    renderApp("/projects/p1", server);
    const form = await screen.findByRole("form", { name: "Compare plan versions" });
    expect(within(form).getByLabelText("From")).toHaveValue("1");
    expect(within(form).getByLabelText("To")).toHaveValue("2");
    await userEvent.click(within(form).getByRole("button", { name: "Compare" }));

    const region = await screen.findByRole("region", { name: "Changes from v1 to v2" });
    const changes = within(region).getByRole("list", { name: "Task changes" });
    const added = within(changes).getByText(/Add tests/).closest("li")!;
    expect(added).toHaveClass("diff-added");
    expect(added).toHaveTextContent("Added: #4 Add tests (code, medium; needs Write hello.py)");
    expect(within(changes).getByText(/Summarise/).closest("li")).toHaveClass("diff-removed");
    const changed = within(changes).getByText(/Write RUN.md/).closest("li")!;
    expect(changed).toHaveTextContent("complexity: simple → complex");
    expect(changed).toHaveTextContent("model_tier: (none) → opus");
    expect(changed).toHaveTextContent("− depends on Write hello.py");
    expect(within(region).getByTestId("diff-coverage")).toHaveTextContent("1/2 → 2/2 +R2");
    expect(within(region).getByTestId("diff-forecast")).toHaveTextContent("$0.0100–$0.0300 (expected $0.0200) → $0.0200–$0.5000 (expected $0.2600)");
    expect(server.calls("GET", "/api/projects/p1/plans/1/diff/2")).toHaveLength(1);
  });

  it("shows the server's problem when a compared version is gone", async () => {
    const server = projectServer(project({ status: "ready" }), { plans: versions })
      .problem("GET", "/api/projects/p1/plans/2/diff/2", 404, "Plan v2 was not found.");
    renderApp("/projects/p1", server);
    const form = await screen.findByRole("form", { name: "Compare plan versions" });
    await userEvent.selectOptions(within(form).getByLabelText("From"), "2");
    await userEvent.click(within(form).getByRole("button", { name: "Compare" }));
    expect(await screen.findByText(/Plan v2 was not found/)).toBeInTheDocument();
  });

  it("offers to approve anyway when the forecast does not fit a budget cap, and sends force=true", async () => {
    const server = projectServer(project(), { plans: [planVersion()] })
      .on("POST", "/api/projects/p1/plans/plan1/approve", (req) => req.query.get("force") === "true"
        ? { body: { ok: true, tasks_created: 3, task_ids: [], total_waves: 2, estimated_cost_usd: 0.0311, summary: "", forced: true } }
        : { status: 402, body: { title: "Forecast exceeds budget", status: 402, detail: "The plan's high cost forecast ($0.0311) does not fit the daily budget", cap: "daily" } });
    renderApp("/projects/p1", server);
    const plan = await screen.findByRole("region", { name: /Plan v1/ });
    expect(within(plan).queryByRole("button", { name: "Approve anyway" })).toBeNull();
    await userEvent.click(within(plan).getByRole("button", { name: "Approve plan" }));
    expect(await within(plan).findByText(/does not fit the daily budget/)).toBeInTheDocument();
    await userEvent.click(within(plan).getByRole("button", { name: "Approve anyway" }));
    expect(await within(plan).findByRole("status")).toHaveTextContent("Approved: 3 tasks in 2 waves, estimated $0.0311, past a budget cap.");
    expect(server.calls("POST", "/api/projects/p1/plans/plan1/approve").map((c) => c.query.get("force"))).toEqual([null, "true"]);
  });
});
