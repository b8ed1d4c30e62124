import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { PlanDiff, PlanVersion, Project } from "../../api";
import { FakeEventSource } from "../../test/fakeEventSource";
import { planVersion, project, task } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";

const summary = (low: number, high: number) => ({
  total_usd_low: low, total_usd_expected: (low + high) / 2, total_usd_high: high, prompt_tokens_low: 0, prompt_tokens_high: 1000,
  completion_tokens_low: 0, completion_tokens_high: 500, unpriced_tasks: 0,
});

const diff: PlanDiff = {
  from: { id: "plan1", version: 1, status: "approved", created_at: 1 },
  to: { id: "plan2", version: 2, status: "draft", created_at: 2 },
  identical: false,
  summary: null,
  tasks: {
    added: [{ index: 3, title: "Add a --name flag", phase: "Build", task_type: "code", complexity: "simple", model_tier: null,
      depends_on: ["Write hello.py"], requirement_ids: ["R3"] }],
    removed: [{ index: 2, title: "Summarise", phase: "Document", task_type: "documentation", complexity: "simple", model_tier: null,
      depends_on: [], requirement_ids: [] }],
    changed: [],
    unchanged_count: 2,
  },
  coverage: {
    before: { total_requirements: 2, covered_count: 2, uncovered_ids: [] },
    after: { total_requirements: 3, covered_count: 3, uncovered_ids: [] },
    newly_covered: ["R3"], newly_uncovered: [],
  },
  forecast: { before: summary(0.004, 0.031), after: summary(0.002, 0.012), delta: summary(-0.002, -0.019) },
};

const running = planVersion({ id: "plan1", version: 1, status: "approved" });
const draft: PlanVersion = planVersion({
  id: "plan2", version: 2, status: "draft", replan_of: "plan1", forecast: { total_usd_low: 0.002, total_usd_high: 0.012, tasks: [] },
});
const replanAnswer = { ...draft, replan_of: "plan1", kept_task_ids: ["t1", "t2"], diff };
const taskList = [task({ id: "t1", status: "completed" }), task({ id: "t2", title: "Write RUN.md", status: "running" })];

/** An executing project whose re-plan state follows the calls made: POST /replan makes the draft pending. */
function replanServer(p: Project = project({ status: "executing" })) {
  let state = { project: p, plans: [running] as PlanVersion[] };
  const server = projectServer(p, { plans: state.plans, taskList })
    .on("GET", "/api/projects/p1", () => ({ body: state.project }))
    .on("GET", "/api/projects/p1/plans", () => ({ body: state.plans }))
    .on("POST", "/api/projects/p1/replan", () => {
      state = { project: { ...state.project, replanning: true }, plans: [draft, running] };
      return { body: replanAnswer };
    });
  return server;
}

const form = () => screen.findByRole("form", { name: "Re-plan" });

describe("project detail: re-planning a running project", () => {
  beforeEach(() => FakeEventSource.reset());

  it.each(["executing", "paused", "failed"] as const)("offers Re-plan while the project is %s", async (status) => {
    renderApp("/projects/p1", projectServer(project({ status }), { plans: [running] }));
    expect(await screen.findByRole("button", { name: "Re-plan" })).toBeInTheDocument();
  });

  it("offers no Re-plan on a completed project or while a re-plan is pending", async () => {
    const { unmount } = renderApp("/projects/p1", projectServer(project({ status: "completed" }), { plans: [running] }));
    await screen.findByRole("region", { name: /Plan v1/ });
    expect(screen.queryByRole("button", { name: "Re-plan" })).toBeNull();
    unmount();
    renderApp("/projects/p1", projectServer(project({ status: "executing", replanning: true }), { plans: [draft, running] }));
    await screen.findByRole("status", { name: "Re-planning" });
    expect(screen.queryByRole("button", { name: "Re-plan" })).toBeNull();
  });

  it("posts the changes and instructions, then shows the draft's diff, remaining forecast, kept tasks and the decision buttons", async () => {
    const server = replanServer();
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Re-plan" }));
    const f = await form();
    await userEvent.type(within(f).getByLabelText(/New or changed requirements/), "  Also take a --name flag.  ");
    await userEvent.type(within(f).getByLabelText(/Guidance for the planner/), "Keep it small.");
    await userEvent.click(within(f).getByRole("button", { name: "Write new plan" }));

    const review = await screen.findByRole("region", { name: "Re-plan draft v2" });
    expect(server.calls("POST", "/api/projects/p1/replan").map((c) => c.body)).toEqual([
      { changes: "Also take a --name flag.", instructions: "Keep it small." },
    ]);
    expect(screen.queryByRole("form", { name: "Re-plan" })).toBeNull();
    const changes = within(review).getByRole("list", { name: "Task changes" });
    expect(within(changes).getByText(/Add a --name flag/).closest("li")).toHaveClass("diff-added");
    expect(within(changes).getByText(/Summarise/).closest("li")).toHaveClass("diff-removed");
    expect(within(review).getByTestId("replan-forecast")).toHaveTextContent("$0.0020–$0.0120");
    expect(within(review).getByTestId("replan-kept")).toHaveTextContent("2 tasks (completed, running or waiting for review)");
    expect(within(review).getByRole("button", { name: "Approve re-plan" })).toBeEnabled();
    expect(within(review).getByRole("button", { name: "Reject re-plan" })).toBeEnabled();
    // The diff came with the answer: nothing fetched it again.
    expect(server.requests.filter((r) => r.path.includes("/diff/"))).toHaveLength(0);
    // The project now reads replanning: the banner is up, and the running plan is still the one shown as the plan.
    expect(await screen.findByRole("status", { name: "Re-planning" })).toHaveTextContent("running tasks finish, new tasks wait for your decision");
    expect(screen.getByRole("region", { name: /Plan v1/ })).toBeInTheDocument();
  });

  it("sends only what was written: an empty form posts an empty body", async () => {
    const server = replanServer(project({ status: "failed" }));
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Re-plan" }));
    await userEvent.click(within(await form()).getByRole("button", { name: "Write new plan" }));
    await screen.findByRole("region", { name: "Re-plan draft v2" });
    expect(server.calls("POST", "/api/projects/p1/replan")[0]!.body).toEqual({});
  });

  it("shows the server's refusal of a re-plan", async () => {
    const server = replanServer().problem("POST", "/api/projects/p1/replan", 409, "A re-plan is already waiting for a decision.");
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Re-plan" }));
    await userEvent.click(within(await form()).getByRole("button", { name: "Write new plan" }));
    expect(await within(await form()).findByText(/already waiting for a decision/)).toBeInTheDocument();
  });

  it("approves the draft, past a budget cap after a 402, and refetches the project and its tasks", async () => {
    const server = replanServer().on("POST", "/api/projects/p1/plans/plan2/approve", (req) => req.query.get("force") === "true"
      ? { body: { ok: true, tasks_created: 2, task_ids: ["t3", "t4"], total_waves: 2, estimated_cost_usd: 0.012, summary: "", forced: true, swapped: true } }
      : { status: 402, body: { title: "Forecast exceeds budget", status: 402, detail: "The plan's high cost forecast does not fit the daily budget", cap: "daily" } });
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Re-plan" }));
    await userEvent.click(within(await form()).getByRole("button", { name: "Write new plan" }));
    const review = await screen.findByRole("region", { name: "Re-plan draft v2" });
    expect(within(review).queryByRole("button", { name: "Approve anyway" })).toBeNull();
    await userEvent.click(within(review).getByRole("button", { name: "Approve re-plan" }));
    expect(await within(review).findByText(/does not fit the daily budget/)).toBeInTheDocument();
    const before = { project: server.calls("GET", "/api/projects/p1").length, tasks: server.calls("GET", "/api/tasks/project/p1").length };
    await userEvent.click(within(review).getByRole("button", { name: "Approve anyway" }));

    expect(await screen.findByText("Approved v2: the unfinished work was replaced by 2 new tasks, past a budget cap.")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Re-plan draft v2" })).toBeNull();
    expect(server.calls("POST", "/api/projects/p1/plans/plan2/approve").map((c) => c.query.get("force"))).toEqual([null, "true"]);
    expect(server.calls("POST", "/api/projects/p1/plans/plan2/reject")).toHaveLength(0);
    await waitFor(() => {
      expect(server.calls("GET", "/api/projects/p1").length).toBeGreaterThan(before.project);
      expect(server.calls("GET", "/api/tasks/project/p1").length).toBeGreaterThan(before.tasks);
    });
  });

  it("rejects the draft and refetches the project and its tasks", async () => {
    const server = replanServer().on("POST", "/api/projects/p1/plans/plan2/reject", () => ({ body: { ...draft, status: "rejected" } }));
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Re-plan" }));
    await userEvent.click(within(await form()).getByRole("button", { name: "Write new plan" }));
    const review = await screen.findByRole("region", { name: "Re-plan draft v2" });
    const before = { project: server.calls("GET", "/api/projects/p1").length, tasks: server.calls("GET", "/api/tasks/project/p1").length };
    await userEvent.click(within(review).getByRole("button", { name: "Reject re-plan" }));

    expect(await screen.findByText("Rejected v2; the run goes on with its plan as it was.")).toBeInTheDocument();
    expect(server.calls("POST", "/api/projects/p1/plans/plan2/reject")).toHaveLength(1);
    expect(server.calls("POST", "/api/projects/p1/plans/plan2/approve")).toHaveLength(0);
    await waitFor(() => {
      expect(server.calls("GET", "/api/projects/p1").length).toBeGreaterThan(before.project);
      expect(server.calls("GET", "/api/tasks/project/p1").length).toBeGreaterThan(before.tasks);
    });
  });

  it("shows the banner while re-planning and opens the pending draft with its diff against the running plan", async () => {
    const server = projectServer(project({ status: "executing", replanning: true }), { plans: [draft, running], taskList })
      .json("GET", "/api/projects/p1/plans/plan1/diff/plan2", diff);
    renderApp("/projects/p1", server);
    const banner = await screen.findByRole("status", { name: "Re-planning" });
    expect(banner).toHaveTextContent("Re-planning: running tasks finish, new tasks wait for your decision.");
    // The plan shown as the project's is the running one, not the pending draft.
    expect(await screen.findByRole("region", { name: /Plan v1/ })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: /Plan v2/ })).toBeNull();

    await userEvent.click(within(banner).getByRole("button", { name: "Review draft v2" }));
    const review = await screen.findByRole("region", { name: "Re-plan draft v2" });
    expect(await within(review).findByRole("region", { name: "Changes from v1 to v2" })).toBeInTheDocument();
    expect(server.calls("GET", "/api/projects/p1/plans/plan1/diff/plan2")).toHaveLength(1);
    expect(within(banner).queryByRole("button", { name: "Review draft v2" })).toBeNull();
  });

  it("marks re-plan drafts and rejected versions in the version list", async () => {
    const rejected = planVersion({ id: "plan3", version: 3, status: "rejected", replan_of: "plan1" });
    renderApp("/projects/p1", projectServer(project({ status: "executing" }), { plans: [rejected, running] }));
    const table = await screen.findByRole("table", { name: "Plan versions" });
    const [v3, v1] = within(table).getAllByRole("row").slice(1);
    expect(v3).toHaveTextContent("v3rejectedre-plan of v1");
    expect(v3).toHaveClass("version-rejected");
    expect(v1).not.toHaveClass("version-rejected");
    expect(v1).not.toHaveTextContent("re-plan");
    // A rejected draft is history: the running plan stays the project's plan and no banner shows.
    expect(await screen.findByRole("region", { name: /Plan v1/ })).toBeInTheDocument();
    expect(screen.queryByRole("status", { name: "Re-planning" })).toBeNull();
  });
});
