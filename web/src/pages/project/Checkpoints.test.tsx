import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint } from "../../api";
import { FakeEventSource } from "../../test/fakeEventSource";
import { checkpoint, NOW, planVersion, project, tasks } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";

function serverWith(list: () => Checkpoint[]) {
  return projectServer(project({ status: "executing" }), { taskList: tasks, plans: [planVersion({ status: "approved" })] })
    .on("GET", "/api/checkpoints/project/:id", () => ({ body: list() }));
}

describe("project detail: checkpoints", () => {
  beforeEach(() => FakeEventSource.reset());

  it("shows an open checkpoint with its task, summary, attempts and question", async () => {
    const server = serverWith(() => [checkpoint()]);
    renderApp("/projects/p1", server);
    const panel = await screen.findByRole("region", { name: /Checkpoints/ });
    expect(panel).toHaveTextContent("1 waiting for you");
    const item = within(panel).getByRole("article", { name: /Write RUN.md/ });
    expect(within(item).getByRole("link", { name: "Write RUN.md" })).toHaveAttribute("href", "/tasks/t2");
    expect(item).toHaveTextContent("verification exhausted");
    expect(within(item).getByText("Errors and notes (2)").closest("details")).toHaveTextContent("The run command is missing.");
    expect(item).toHaveTextContent("failed verification 3 times");
    expect(within(within(item).getByRole("list", { name: "Attempts" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      `${new Date((NOW - 300) * 1000).toLocaleTimeString()} gaps_found: no run command`,
      `${new Date((NOW - 200) * 1000).toLocaleTimeString()} gaps_found: command names a file that does not exist`,
    ]);
    expect(item).toHaveTextContent("Which command should RUN.md tell people to use?");
    expect(server.calls("GET", "/api/checkpoints/project/p1")[0]!.query.get("resolved")).toBe("true");
  });

  it("shows no panel while a project has no checkpoints, or the server has no checkpoint API", async () => {
    for (const server of [serverWith(() => []), projectServer(project({ status: "executing" }), { taskList: tasks })]) {
      const { unmount } = renderApp("/projects/p1", server);
      await screen.findByRole("region", { name: "Tasks" });
      await waitFor(() => expect(server.calls("GET", "/api/checkpoints/project/p1")).toHaveLength(1));
      await act(async () => {});
      expect(screen.queryByRole("region", { name: /Checkpoints/ })).toBeNull();
      expect(screen.queryByRole("alert")).toBeNull();
      unmount();
    }
  });

  it("resolves with skip, guidance and a gotcha, then shows it among the resolved", async () => {
    let cp = checkpoint();
    const server = serverWith(() => [cp]).on("POST", "/api/checkpoints/:id/resolve", (req) => {
      const body = req.body as { action: string; guidance?: string };
      cp = { ...cp, resolved_at: NOW, resolution: body.action, response: body.guidance ?? null };
      return { body: cp };
    });
    renderApp("/projects/p1", server);
    const panel = await screen.findByRole("region", { name: /Checkpoints/ });
    const form = within(panel).getByRole("form", { name: "Resolve checkpoint" });
    await userEvent.click(within(form).getByRole("radio", { name: /Skip/ }));
    await userEvent.type(within(form).getByLabelText(/Guidance/), "Document python3 hello.py");
    await userEvent.type(within(form).getByLabelText(/Gotcha/), "RUN.md must name the interpreter");
    await userEvent.click(within(form).getByRole("button", { name: "Resolve: skip" }));
    expect(await within(panel).findByText("Nothing is waiting for you.")).toBeInTheDocument();
    expect(server.calls("POST", "/api/checkpoints/cp1/resolve")[0]!.body).toEqual({
      action: "skip", guidance: "Document python3 hello.py", gotcha: "RUN.md must name the interpreter",
    });
    const resolved = within(panel).getByText(/Resolved \(1\)/).closest("details")!;
    expect(resolved).toHaveTextContent("skip: “Document python3 hello.py”");
    await waitFor(() => expect(server.calls("GET", "/api/projects/p1/knowledge").length).toBeGreaterThan(1));
  });

  it("sends only the action when guidance and gotcha are empty, and shows a refusal", async () => {
    const server = serverWith(() => [checkpoint()]).problem("POST", "/api/checkpoints/:id/resolve", 409, "The checkpoint is already resolved.");
    renderApp("/projects/p1", server);
    const form = await screen.findByRole("form", { name: "Resolve checkpoint" });
    await userEvent.click(within(form).getByRole("radio", { name: /Fail/ }));
    await userEvent.click(within(form).getByRole("button", { name: "Resolve: fail" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Could not resolve: The checkpoint is already resolved.");
    expect(server.calls("POST", "/api/checkpoints/cp1/resolve")[0]!.body).toEqual({ action: "fail" });
  });

  it("names the task by the title the server sends when the task list does not have it", async () => {
    renderApp("/projects/p1", serverWith(() => [checkpoint({ task_id: "t-old", task_title: "An earlier plan's task" })]));
    const panel = await screen.findByRole("region", { name: /Checkpoints/ });
    expect(within(panel).getByRole("link", { name: "An earlier plan's task" })).toHaveAttribute("href", "/tasks/t-old");
  });

  it("appears when a checkpoint event arrives", async () => {
    let list: Checkpoint[] = [];
    renderApp("/projects/p1", serverWith(() => list));
    await screen.findByRole("region", { name: "Tasks" });
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    list = [checkpoint()];
    act(() => FakeEventSource.latest().emit("checkpoint", "12", {
      message: "Write RUN.md needs a decision", timestamp: NOW, project_id: "p1", task_id: "t2", checkpoint_id: "cp1",
    }));
    expect(await screen.findByRole("region", { name: /Checkpoints/ })).toHaveTextContent("1 waiting for you");
    expect(screen.getByRole("log", { name: "Event timeline" })).toHaveTextContent("checkpoint");
  });
});
