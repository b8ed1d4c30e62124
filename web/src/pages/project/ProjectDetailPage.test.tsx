import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { PlanDocument, Project } from "../../api";
import { projectServer } from "../../test/projectServer";
import { FakeEventSource } from "../../test/fakeEventSource";
import { coverage, knowledge, planVersion, project, tasks } from "../../test/fixtures";
import { renderApp } from "../../test/render";

const serverFor = projectServer;

describe("project detail: plan", () => {
  beforeEach(() => FakeEventSource.reset());

  it("shows requirements, phases, dependencies, forecasts, open questions and risks", async () => {
    renderApp("/projects/p1", serverFor(project()));
    expect(await screen.findByRole("heading", { level: 1, name: /hello-world/ })).toBeInTheDocument();
    expect(screen.getByText("Write RUN.md explaining how to run it.", { selector: ".requirements p" })).toBeInTheDocument();
    const plan = await screen.findByRole("region", { name: /Plan v1/ });
    expect(within(plan).getByRole("heading", { name: "Phase 1: Build" })).toBeInTheDocument();
    expect(within(plan).getByRole("heading", { name: "Phase 2: Document" })).toBeInTheDocument();
    expect(within(plan).getByTestId("forecast-total")).toHaveTextContent("$0.0042–$0.0311");
    const run = within(plan).getByRole("listitem", { name: /Write RUN.md/ });
    expect(run).toHaveTextContent("Depends on#1 Write hello.py");
    expect(run).toHaveTextContent("Est. cost$0.0011–$0.0061");
    expect(run).toHaveTextContent("Tierhaiku (set)");
    expect(run).toHaveTextContent("Priority10");
    expect(run).toHaveTextContent("Covers[R2]");
    const summarise = within(plan).getByRole("listitem", { name: /Summarise/ });
    expect(summarise).toHaveTextContent("Depends on#1 Write hello.py, #2 Write RUN.md");
    expect(summarise).toHaveTextContent("Tierollama");
    expect(within(plan).getByRole("table", { name: "Open questions" })).toHaveTextContent("Which Python version?3.11Syntax used");
    expect(within(plan).getByRole("table", { name: "Risks" })).toHaveTextContent("Date format ambiguitylowmediumUse ISO 8601");
  });

  it("plans a draft project with the Plan button and shows the new plan", async () => {
    let plans: unknown[] = [];
    const server = serverFor(project(), { plans })
      .on("GET", "/api/projects/p1/plans", () => ({ body: plans }))
      .on("POST", "/api/projects/p1/plan", () => {
        plans = [planVersion()];
        return { body: { id: "p1", plan_id: "plan1", version: 1, status: "draft", plan: planVersion().plan, forecast: planVersion().forecast,
          model_used: "claude-sonnet-4-5", prompt_tokens: 10, completion_tokens: 20, cost_usd: 0.01 } };
      });
    renderApp("/projects/p1", server);
    expect(await screen.findByText(/No plan yet/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Plan" }));
    expect(await screen.findByRole("region", { name: /Plan v1/ })).toBeInTheDocument();
    expect(server.calls("POST", "/api/projects/p1/plan")[0]!.rawBody).toBeNull();
  });

  it("edits a task's tier, priority and dependencies and saves the whole plan", async () => {
    const server = serverFor(project()).on("PATCH", "/api/projects/p1/plans/plan1", (req) => ({
      body: planVersion({ plan: (req.body as { plan: PlanDocument }).plan }),
    }));
    renderApp("/projects/p1", server);
    const card = await screen.findByRole("listitem", { name: /Summarise/ });
    await userEvent.click(within(card).getByRole("button", { name: /Edit task 3/ }));
    const form = within(card).getByRole("form", { name: "Edit task 3" });
    await userEvent.selectOptions(within(form).getByLabelText("Model tier"), "opus");
    await userEvent.type(within(form).getByLabelText("Priority"), "700");
    await userEvent.click(within(form).getByRole("checkbox", { name: "#2 Write RUN.md" }));
    await userEvent.click(within(form).getByRole("button", { name: "Save task" }));
    await screen.findByRole("listitem", { name: /Summarise/ });
    const sent = server.calls("PATCH", "/api/projects/p1/plans/plan1")[0]!.body as { plan: PlanDocument };
    const edited = sent.plan.phases![1]!.tasks[1]!;
    expect(edited).toMatchObject({ title: "Summarise", model_tier: "opus", priority: 700, depends_on: [0] });
    expect(sent.plan.phases![0]!.tasks[0]!.title).toBe("Write hello.py");
    expect(within(card).queryByRole("form")).toBeNull();
  });

  it("moves focus into the editor and back to its Edit button when it closes", async () => {
    renderApp("/projects/p1", serverFor(project()));
    const card = await screen.findByRole("listitem", { name: /Write RUN.md/ });
    await userEvent.click(within(card).getByRole("button", { name: /Edit task 2/ }));
    expect(within(card).getByLabelText("Title")).toHaveFocus();
    await userEvent.click(within(card).getByRole("button", { name: "Discard" }));
    expect(within(card).getByRole("button", { name: /Edit task 2/ })).toHaveFocus();
  });

  it("shows the server's validation error when it refuses an edit", async () => {
    const server = serverFor(project()).problem("PATCH", "/api/projects/p1/plans/plan1", 422,
      "The plan is not valid.", { "tasks[2].priority": ["Priority must be between 0 and 1000."] });
    renderApp("/projects/p1", server);
    const card = await screen.findByRole("listitem", { name: /Summarise/ });
    await userEvent.click(within(card).getByRole("button", { name: /Edit task 3/ }));
    await userEvent.type(within(card).getByLabelText("Priority"), "5000");
    await userEvent.click(within(card).getByRole("button", { name: "Save task" }));
    const alert = await within(card).findByRole("alert");
    expect(alert).toHaveTextContent("The plan is not valid.");
    expect(alert).toHaveTextContent("Priority must be between 0 and 1000.");
    expect(within(card).getByRole("form")).toBeInTheDocument();
  });

  it("names a dependency cycle as it is ticked and does not save until it is gone", async () => {
    const server = serverFor(project());
    renderApp("/projects/p1", server);
    const card = await screen.findByRole("listitem", { name: /Write hello.py/ });
    await userEvent.click(within(card).getByRole("button", { name: /Edit task 1/ }));
    await userEvent.click(within(card).getByRole("checkbox", { name: "#3 Summarise" }));
    expect(within(card).getByRole("alert")).toHaveTextContent(
      "These dependencies make a cycle: #1 Write hello.py → #3 Summarise → #1 Write hello.py. Untick one to save.");
    expect(within(card).getByRole("button", { name: "Save task" })).toBeDisabled();
    await userEvent.click(within(card).getByRole("checkbox", { name: "#3 Summarise" }));
    expect(within(card).queryByRole("alert")).toBeNull();
    expect(within(card).getByRole("button", { name: "Save task" })).toBeEnabled();
    expect(server.calls("PATCH", "/api/projects/p1/plans/plan1")).toHaveLength(0);
  });

  it("removes and adds tasks locally with a live forecast, then saves the renumbered plan", async () => {
    let saved = planVersion();
    const server = serverFor(project())
      .on("GET", "/api/projects/p1/plans", () => ({ body: [saved] }))
      .on("PATCH", "/api/projects/p1/plans/plan1", (req) => ({ body: (saved = planVersion({ plan: (req.body as { plan: PlanDocument }).plan })) }));
    renderApp("/projects/p1", server);
    const plan = await screen.findByRole("region", { name: /Plan v1/ });
    const card = await within(plan).findByRole("listitem", { name: /Write RUN.md/ });
    await userEvent.click(within(card).getByRole("button", { name: "Remove task 2: Write RUN.md" }));
    expect(within(plan).queryByRole("listitem", { name: /Write RUN.md/ })).toBeNull();
    expect(within(plan).getByTestId("forecast-total")).toHaveTextContent("$0.0020–$0.0200");
    expect(within(plan).getByTestId("forecast-note")).toHaveTextContent("with unsaved changes (saved: $0.0042–$0.0311)");
    await userEvent.click(within(plan).getByRole("button", { name: "Add a task to Build" }));
    expect(within(plan).getByTestId("forecast-total")).toHaveTextContent("$0.0040–$0.0400");
    expect(server.calls("PATCH", "/api/projects/p1/plans/plan1")).toHaveLength(0);
    expect(within(plan).getByRole("button", { name: "Approve plan" })).toBeDisabled();

    await userEvent.click(within(plan).getByRole("button", { name: "Save plan" }));
    await waitFor(() => expect(server.calls("PATCH", "/api/projects/p1/plans/plan1")).toHaveLength(1));
    const sent = (server.calls("PATCH", "/api/projects/p1/plans/plan1")[0]!.body as { plan: PlanDocument }).plan;
    expect(sent.phases!.map((ph) => ph.tasks.map((t) => [t.title, t.depends_on]))).toEqual([
      [["Write hello.py", []], ["New task", []]], [["Summarise", [0]]],
    ]);
    await waitFor(() => expect(within(plan).queryByTestId("forecast-note")).toBeNull());
    expect(within(plan).getByTestId("forecast-total")).toHaveTextContent("$0.0042–$0.0311");
  });

  it("reorders tasks with keyboard-reachable buttons, dependencies following their tasks", async () => {
    const server = serverFor(project()).on("PATCH", "/api/projects/p1/plans/plan1", (req) => ({
      body: planVersion({ plan: (req.body as { plan: PlanDocument }).plan }),
    }));
    renderApp("/projects/p1", server);
    const plan = await screen.findByRole("region", { name: /Plan v1/ });
    expect(within(plan).getByRole("button", { name: "Move task 2: Write RUN.md up" })).toBeDisabled();
    within(plan).getByRole("button", { name: "Move task 3: Summarise up" }).focus();
    await userEvent.keyboard("{Enter}");
    const moved = within(plan).getByRole("listitem", { name: /Write RUN.md/ });
    expect(moved).toHaveTextContent("#3 Write RUN.md");
    expect(within(plan).getByRole("listitem", { name: /Summarise/ })).toHaveTextContent("Depends on#1 Write hello.py, #3 Write RUN.md");
    await userEvent.click(within(plan).getByRole("button", { name: "Save plan" }));
    await waitFor(() => expect(server.calls("PATCH", "/api/projects/p1/plans/plan1")).toHaveLength(1));
    const sent = (server.calls("PATCH", "/api/projects/p1/plans/plan1")[0]!.body as { plan: PlanDocument }).plan;
    expect(sent.phases![1]!.tasks.map((t) => [t.title, t.depends_on])).toEqual([["Summarise", [0, 2]], ["Write RUN.md", [0]]]);
  });

  it("updates the forecast as a task's form changes, before it is saved", async () => {
    renderApp("/projects/p1", serverFor(project()));
    const plan = await screen.findByRole("region", { name: /Plan v1/ });
    const card = within(plan).getByRole("listitem", { name: /Summarise/ });
    await userEvent.click(within(card).getByRole("button", { name: /Edit task 3/ }));
    expect(within(plan).queryByTestId("forecast-note")).toBeNull();
    await userEvent.selectOptions(within(card).getByLabelText("Model tier"), "haiku");
    expect(within(plan).getByTestId("forecast-total")).toHaveTextContent("$0.0042–$0.0322");
    expect(within(plan).getByTestId("forecast-note")).toHaveTextContent("with unsaved changes");
    await userEvent.click(within(card).getByRole("button", { name: "Discard" }));
    expect(within(plan).getByTestId("forecast-total")).toHaveTextContent("$0.0042–$0.0311");
  });

  it("approves the draft plan and reports what was created", async () => {
    const server = serverFor(project()).json("POST", "/api/projects/p1/plans/plan1/approve", {
      ok: true, tasks_created: 3, task_ids: ["t1", "t2", "t3"], total_waves: 3, estimated_cost_usd: 0.0311, summary: "3 tasks",
    });
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Approve plan" }));
    expect(await screen.findByText(/Approved: 3 tasks in 3 waves, estimated \$0.0311/)).toBeInTheDocument();
    expect(server.calls("POST", "/api/projects/p1/plans/plan1/approve")[0]!.rawBody).toBeNull();
  });

  it("folds an approved plan away and offers no editing or approval", async () => {
    renderApp("/projects/p1", serverFor(project({ status: "ready" }), { plans: [planVersion({ status: "approved" })] }));
    const plan = await screen.findByRole("region", { name: /Plan v1/ });
    expect(within(plan).queryByRole("heading", { name: "Phase 1: Build" })).toBeNull();
    const toggle = within(plan).getByRole("button", { name: "Show plan" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);
    expect(within(plan).getByRole("heading", { name: "Phase 1: Build" })).toBeVisible();
    expect(within(plan).getByRole("button", { name: "Hide plan" })).toHaveAttribute("aria-expanded", "true");
    expect(screen.queryByRole("button", { name: "Approve plan" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Edit task/ })).toBeNull();
  });
});

describe("project detail: requirements", () => {
  it("edits a draft's name, requirements and rigor", async () => {
    let p = project();
    const server = serverFor(p)
      .on("GET", "/api/projects/p1", () => ({ body: p }))
      .on("PATCH", "/api/projects/p1", (req) => ({ body: (p = { ...p, ...(req.body as Partial<Project>) }) }));
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Edit requirements" }));
    const form = screen.getByRole("form", { name: "Edit requirements" });
    await userEvent.clear(within(form).getByLabelText("Requirements"));
    await userEvent.type(within(form).getByLabelText("Requirements"), "Only one thing.");
    await userEvent.selectOptions(within(form).getByLabelText("Planning rigor"), "L3");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Only one thing.")).toBeInTheDocument();
    expect(server.calls("PATCH", "/api/projects/p1")[0]!.body).toEqual({ name: "hello-world", requirements: "Only one thing.", planning_rigor: "L3" });
  });

  it("sets who runs the tasks, keeping the rest of the project's config", async () => {
    let p = project({ config: { execution_mode: "auto", note: "kept" } });
    const server = serverFor(p)
      .on("GET", "/api/projects/p1", () => ({ body: p }))
      .on("PATCH", "/api/projects/p1", (req) => ({ body: (p = { ...p, ...(req.body as Partial<Project>) }) }));
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Edit requirements" }));
    const form = screen.getByRole("form", { name: "Edit requirements" });
    await userEvent.selectOptions(within(form).getByLabelText("Who runs the tasks"), "external");
    await userEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await screen.findByText("external workers")).toBeInTheDocument();
    expect(server.calls("PATCH", "/api/projects/p1")[0]!.body).toMatchObject({ config: { execution_mode: "external", note: "kept" } });
  });

  it("shows why the server refused an edit", async () => {
    const server = serverFor(project()).problem("PATCH", "/api/projects/p1", 422, "One field is invalid.", { name: ["'name' is required."] });
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Edit requirements" }));
    await userEvent.clear(screen.getByLabelText("Name"));
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("'name' is required.");
  });

  it("offers no requirement editing once the project is past draft", async () => {
    renderApp("/projects/p1", serverFor(project({ status: "ready" })));
    await screen.findByRole("heading", { level: 1, name: /hello-world/ });
    expect(screen.queryByRole("button", { name: "Edit requirements" })).toBeNull();
  });
});

describe("project detail: coverage and knowledge", () => {
  it("shows which requirements are covered", async () => {
    renderApp("/projects/p1", serverFor(project()));
    const region = await screen.findByRole("region", { name: "Requirement coverage" });
    expect(await within(region).findByText(/1 of 2 requirements covered/)).toBeInTheDocument();
    const items = within(region).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("[R1]Write hello.py that prints a greeting.done");
    expect(items[1]).toHaveTextContent("[R2]Write RUN.md explaining how to run it.not covered");
  });

  it("reads 'planned' for a requirement the plan covers before tasks exist", async () => {
    const planned = { ...coverage, requirements: [{ ...coverage.requirements[0]!, task_ids: [], completed: false }] };
    renderApp("/projects/p1", serverFor(project()).json("GET", "/api/projects/p1/coverage", planned));
    const region = await screen.findByRole("region", { name: "Requirement coverage" });
    expect(await within(region).findByText("planned")).toBeInTheDocument();
  });

  it("lists findings and deletes one", async () => {
    let list = knowledge;
    const server = serverFor(project())
      .on("GET", "/api/projects/p1/knowledge", () => ({ body: list }))
      .on("DELETE", "/api/projects/p1/knowledge/:kid", () => {
        list = [];
        return { status: 204 };
      });
    renderApp("/projects/p1", server);
    const region = await screen.findByRole("region", { name: "Knowledge" });
    expect(await within(region).findByText(/Dates are ISO 8601/)).toHaveTextContent("from task “Write hello.py”");
    await userEvent.click(within(region).getByRole("button", { name: /Delete finding/ }));
    expect(await within(region).findByText("No findings yet.")).toBeInTheDocument();
    expect(server.calls("DELETE", "/api/projects/p1/knowledge/k1")).toHaveLength(1);
  });
});

describe("project detail: execution", () => {
  beforeEach(() => FakeEventSource.reset());

  it("groups tasks by wave with status, tier, model and cost", async () => {
    renderApp("/projects/p1", serverFor(project({ status: "executing" }), { taskList: tasks, plans: [planVersion({ status: "approved" })] }));
    const region = await screen.findByRole("region", { name: "Tasks" });
    const waves = await within(region).findAllByRole("table");
    expect(waves.map((t) => t.querySelector("caption")?.textContent)).toEqual(["Wave 0 (1 task)", "Wave 1 (1 task)", "Wave 2 (1 task)"]);
    const first = within(waves[0]!).getAllByRole("row")[1]!;
    expect(first).toHaveTextContent("Write hello.py");
    expect(first).toHaveTextContent("completed");
    expect(first).toHaveTextContent("sonnet");
    expect(first).toHaveTextContent("claude-sonnet-4-5");
    expect(first).toHaveTextContent("$0.0123");
    expect(within(waves[2]!).getAllByRole("row")[1]).toHaveTextContent("Write hello.py, Write RUN.md");
    expect(region).toHaveTextContent("1 of 3 tasks completed · spent $0.0123");
  });

  it.each([
    ["draft", ["Re-plan", "Delete project"]],
    ["ready", ["Re-plan", "Execute", "Cancel project", "Delete project"]],
    ["executing", ["Pause", "Re-plan", "Cancel project"]],
    ["paused", ["Resume", "Re-plan", "Cancel project", "Delete project"]],
    ["failed", ["Execute", "Re-plan", "Cancel project", "Delete project"]],
    ["completed", ["Delete project"]],
  ] as const)("offers the actions a %s project allows", async (status, expected) => {
    renderApp("/projects/p1", serverFor(project({ status })));
    const group = await screen.findByRole("group", { name: "Project actions" });
    expect(within(group).queryAllByRole("button").map((b) => b.textContent)).toEqual(expected);
  });

  it("executes, pauses and cancels (with confirmation)", async () => {
    let p = project({ status: "ready" });
    const server = serverFor(p)
      .on("GET", "/api/projects/p1", () => ({ body: p }))
      .on("POST", "/api/projects/p1/execute", () => ({ body: (p = { ...p, status: "executing" }) }))
      .on("POST", "/api/projects/p1/pause", () => ({ body: (p = { ...p, status: "paused" }) }))
      .on("POST", "/api/projects/p1/cancel", () => ({ body: (p = { ...p, status: "cancelled" }) }));
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Execute" }));
    await userEvent.click(await screen.findByRole("button", { name: "Pause" }));
    await userEvent.click(await screen.findByRole("button", { name: "Cancel project" }));
    await userEvent.click(screen.getByRole("button", { name: "Confirm cancel" }));
    expect(await screen.findByRole("heading", { level: 1, name: /cancelled/ })).toBeInTheDocument();
    expect(server.requests.filter((r) => r.method === "POST" && r.path.startsWith("/api/projects/")).map((r) => r.path))
      .toEqual(["/api/projects/p1/execute", "/api/projects/p1/pause", "/api/projects/p1/cancel"]);
  });

  it("deletes the project after confirmation and returns to the dashboard", async () => {
    const server = serverFor(project({ status: "completed" }))
      .on("DELETE", "/api/projects/p1", { status: 204 })
      .json("GET", "/api/projects", []);
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Delete project" }));
    expect(server.calls("DELETE", "/api/projects/p1")).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Confirm delete" }));
    expect(await screen.findByText(/No projects yet/)).toBeInTheDocument();
    expect(server.calls("DELETE", "/api/projects/p1")).toHaveLength(1);
  });

  it("shows a refused action's problem detail", async () => {
    const server = serverFor(project({ status: "ready" })).problem("POST", "/api/projects/p1/execute", 402, "The daily budget is exhausted.");
    renderApp("/projects/p1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Execute" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The daily budget is exhausted.");
  });

  it("shows live events and refetches task state as they arrive", async () => {
    let list = tasks;
    const server = serverFor(project({ status: "executing" }), { plans: [planVersion({ status: "approved" })] })
      .on("GET", "/api/tasks/project/p1", () => ({ body: list }));
    renderApp("/projects/p1", server);
    const region = await screen.findByRole("region", { name: "Tasks" });
    expect(within(region).getAllByRole("row")[3]).toHaveTextContent("running");
    const es = FakeEventSource.latest();
    expect(es.url).toBe("/api/events/p1?token=sse-token");
    list = tasks.map((t) => (t.id === "t2" ? { ...t, status: "completed" as const, cost_usd: 0.002 } : t));
    act(() => {
      es.open();
      es.emit("task_complete", "9", { message: "Completed 'Write RUN.md'", timestamp: 1_790_000_000, project_id: "p1", task_id: "t2", cost_usd: 0.002 });
    });
    const log = screen.getByRole("log", { name: "Event timeline" });
    expect(log).toHaveTextContent("task_complete");
    expect(within(log).getByRole("link", { name: "Completed 'Write RUN.md'" })).toHaveAttribute("href", "/tasks/t2");
    expect(screen.getByText("Live")).toBeInTheDocument();
    expect(await within(region).findByText("2 of 3 tasks completed · spent $0.0143")).toBeInTheDocument();
  });

  it("keeps the stream closed after the run completes, even while the project still reads executing", async () => {
    const server = serverFor(project({ status: "executing" }));
    renderApp("/projects/p1", server);
    await screen.findByRole("heading", { level: 1, name: /executing/ });
    act(() => FakeEventSource.latest().emit("project_complete", "5", { message: "done", timestamp: 1, project_id: "p1" }));
    expect(await screen.findByText("Run finished")).toBeInTheDocument();
    await waitFor(() => expect(server.calls("GET", "/api/projects/p1").length).toBeGreaterThan(1));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("reopens the stream when a run starts elsewhere after the previous one finished", async () => {
    let p = project({ status: "completed" });
    const server = serverFor(p).on("GET", "/api/projects/p1", () => ({ body: p }));
    const { queryClient } = renderApp("/projects/p1", server);
    await screen.findByRole("heading", { level: 1, name: /completed/ });
    act(() => FakeEventSource.latest().emit("project_complete", "5", { message: "done", timestamp: 1, project_id: "p1" }));
    p = { ...p, status: "executing" };
    await act(() => queryClient.invalidateQueries({ queryKey: ["project", "p1"] }));
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(FakeEventSource.latest().url).toBe("/api/events/p1?token=sse-token&after=5");
  });
});
