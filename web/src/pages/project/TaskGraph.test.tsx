import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { FakeEventSource } from "../../test/fakeEventSource";
import { planVersion, project, taskDetail, tasks } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";

describe("project detail: task graph", () => {
  beforeEach(() => FakeEventSource.reset());

  it("draws one node per task, labelled with title, tier and cost, coloured by status, the critical path marked", async () => {
    renderApp("/projects/p1", projectServer(project({ status: "executing" }), { taskList: tasks, plans: [planVersion({ status: "approved" })] }));
    const region = await screen.findByRole("region", { name: "Task graph" });
    const graph = await within(region).findByTestId("task-graph");
    const nodes = await within(graph).findAllByRole("link");
    expect(nodes.map((n) => n.textContent)).toEqual([
      "Write hello.py (critical path)", "Write RUN.md (critical path)", "Summarise (critical path)",
    ]);
    const first = nodes[0]!.closest(".graph-node")!;
    expect(first).toHaveClass("tone-ok");
    expect(first).toHaveTextContent("completed");
    expect(first).toHaveTextContent("sonnet");
    expect(first).toHaveTextContent("$0.0123");
    expect(nodes[1]!.closest(".graph-node")).toHaveClass("tone-busy");
    expect(region).toHaveTextContent("The critical path (thick outline) is 3 tasks long.");
  });

  it("opens the task page from a node with the keyboard", async () => {
    const server = projectServer(project({ status: "executing" }), { taskList: tasks, plans: [planVersion({ status: "approved" })] })
      .json("GET", "/api/tasks/t2", taskDetail({ id: "t2", title: "Write RUN.md" }));
    renderApp("/projects/p1", server);
    const graph = await screen.findByTestId("task-graph");
    (await within(graph).findByRole("link", { name: /Write RUN.md/ })).focus();
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { level: 1, name: /Write RUN.md/ })).toBeInTheDocument();
  });

  it("recolours a node when the live stream says its task finished", async () => {
    let list = tasks;
    const server = projectServer(project({ status: "executing" }), { plans: [planVersion({ status: "approved" })] })
      .on("GET", "/api/tasks/project/p1", () => ({ body: list }));
    renderApp("/projects/p1", server);
    const graph = await screen.findByTestId("task-graph");
    const node = () => within(graph).getByRole("link", { name: /Write RUN.md/ }).closest(".graph-node");
    await waitFor(() => expect(node()).toHaveClass("tone-busy"));
    list = tasks.map((t) => (t.id === "t2" ? { ...t, status: "completed" as const, cost_usd: 0.002 } : t));
    act(() => {
      FakeEventSource.latest().open();
      FakeEventSource.latest().emit("task_complete", "9", { message: "Completed", timestamp: 1, project_id: "p1", task_id: "t2" });
    });
    await waitFor(() => expect(node()).toHaveClass("tone-ok"));
    expect(node()).toHaveTextContent("$0.0020");
  });

  it("a render error in the graph and task list stays in those regions, and Retry recovers once the data is good", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // React logs the caught errors; expected here.
    // A task whose dependency list is not a list cannot be drawn or listed: the two regions that show tasks fail to render.
    let list: unknown[] = tasks.map((t) => (t.id === "t2" ? { ...t, depends_on: 5 } : t));
    const server = projectServer(project({ status: "executing" }), { plans: [planVersion({ status: "approved" })] })
      .on("GET", "/api/tasks/project/p1", () => ({ body: list }));
    renderApp("/projects/p1", server);
    const graph = await screen.findByRole("region", { name: "Task graph" });
    expect(await within(graph).findByRole("alert")).toHaveTextContent(/^Task graph could not be shown:/);
    expect(within(screen.getByRole("region", { name: "Tasks" })).getByRole("alert")).toHaveTextContent(/^Tasks could not be shown:/);
    expect(screen.getByRole("heading", { level: 1, name: /hello-world/ })).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: /Plan v1/ })).toBeInTheDocument();

    list = tasks;
    await userEvent.click(within(graph).getByRole("button", { name: "Retry" }));
    const drawn = await screen.findByTestId("task-graph");
    expect(await within(drawn).findAllByRole("link")).toHaveLength(3);
  });
});
