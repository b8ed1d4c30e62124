import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createEndpoints, type ApiClient, type BulkTaskResult } from "../../api";
import { planVersion, project, task, tasks } from "../../test/fixtures";
import { projectServer } from "../../test/projectServer";
import { renderApp } from "../../test/render";
import { runBulk } from "./taskSelection";

const twoInWaveOne = [...tasks, task({ id: "t4", title: "Write tests", status: "failed", wave: 1, model_used: null, cost_usd: 0 })];

function bulkServer(answer: (ids: string[], action: string) => BulkTaskResult) {
  return projectServer(project({ status: "failed" }), { taskList: twoInWaveOne, plans: [planVersion({ status: "approved" })] })
    .on("POST", "/api/tasks/bulk", (req) => {
      const body = req.body as { task_ids: string[]; action: string };
      return { body: answer(body.task_ids, body.action) };
    });
}

describe("bulk task actions", () => {
  it("selects single tasks and whole waves, with a mixed state for a partly selected wave", async () => {
    renderApp("/projects/p1", bulkServer(() => ({ succeeded: [], failed: [] })));
    const region = await screen.findByRole("region", { name: "Tasks" });
    const bar = within(region).getByRole("group", { name: "Selected tasks" });
    expect(within(bar).getByRole("button", { name: "Retry selected" })).toBeDisabled();
    await userEvent.click(within(region).getByRole("checkbox", { name: "Select Write RUN.md" }));
    expect(bar).toHaveTextContent("1 selected");
    const wave1 = within(region).getByRole("checkbox", { name: "Select all in wave 1" });
    expect(wave1).toBePartiallyChecked();
    await userEvent.click(wave1);
    expect(wave1).toBeChecked();
    expect(within(region).getByRole("checkbox", { name: "Select Write tests" })).toBeChecked();
    expect(bar).toHaveTextContent("2 selected");
    await userEvent.click(within(region).getByRole("checkbox", { name: "Select all in wave 0" }));
    expect(bar).toHaveTextContent("3 selected");
    await userEvent.click(wave1);
    expect(bar).toHaveTextContent("1 selected");
    await userEvent.click(within(bar).getByRole("button", { name: "Clear selection" }));
    expect(bar).toHaveTextContent("0 selected");
    expect(within(region).getByRole("checkbox", { name: "Select Write hello.py" })).not.toBeChecked();
  });

  it("retries the selected tasks and lists each refused one with the server's reason", async () => {
    const server = bulkServer((ids) => ({
      succeeded: ids.filter((id) => id === "t4"),
      failed: ids.filter((id) => id !== "t4").map((id) => ({ id, reason: `Only a failed or cancelled task can be retried (${id}).` })),
    }));
    renderApp("/projects/p1", server);
    const region = await screen.findByRole("region", { name: "Tasks" });
    await userEvent.click(within(region).getByRole("checkbox", { name: "Select all in wave 1" }));
    await userEvent.click(within(region).getByRole("checkbox", { name: "Select Write hello.py" }));
    await userEvent.click(within(region).getByRole("button", { name: "Retry selected" }));
    const status = await within(region).findByRole("status");
    expect(server.calls("POST", "/api/tasks/bulk")[0]!.body).toEqual({ task_ids: ["t1", "t2", "t4"], action: "retry" });
    expect(status).toHaveTextContent("Retried 1 of 3 tasks. 2 refused:");
    const refused = within(status).getAllByRole("listitem").map((li) => li.textContent);
    expect(refused).toEqual([
      "Write hello.py: Only a failed or cancelled task can be retried (t1).",
      "Write RUN.md: Only a failed or cancelled task can be retried (t2).",
    ]);
    expect(within(region).getByRole("group", { name: "Selected tasks" })).toHaveTextContent("0 selected");
    await waitFor(() => expect(server.calls("GET", "/api/tasks/project/p1").length).toBeGreaterThan(1));
  });

  it("cancels the selected tasks and says so when all succeeded", async () => {
    const server = bulkServer((ids) => ({ succeeded: ids, failed: [] }));
    renderApp("/projects/p1", server);
    const region = await screen.findByRole("region", { name: "Tasks" });
    await userEvent.click(within(region).getByRole("checkbox", { name: "Select Summarise" }));
    await userEvent.click(within(region).getByRole("button", { name: "Cancel selected" }));
    expect(await within(region).findByRole("status")).toHaveTextContent("Cancelled 1 of 1 task.");
    expect(within(region).queryByRole("list", { name: "Refused tasks" })).toBeNull();
    expect(server.calls("POST", "/api/tasks/bulk")[0]!.body).toEqual({ task_ids: ["t3"], action: "cancel" });
  });

  it("shows a refused bulk call's problem", async () => {
    const server = projectServer(project({ status: "failed" }), { taskList: tasks })
      .problem("POST", "/api/tasks/bulk", 422, "One field is invalid.", { action: ["'action' must be retry or cancel."] });
    renderApp("/projects/p1", server);
    const region = await screen.findByRole("region", { name: "Tasks" });
    await userEvent.click(within(region).getByRole("checkbox", { name: "Select Summarise" }));
    await userEvent.click(within(region).getByRole("button", { name: "Retry selected" }));
    expect(await within(region).findByRole("alert")).toHaveTextContent("The bulk action failed: One field is invalid.");
  });

  it("sends more than 100 tasks in calls of at most 100 and merges the answers", async () => {
    const sent: string[][] = [];
    const fakeClient = {
      post: (_path: string, body: { task_ids: string[] }) => {
        sent.push(body.task_ids);
        return Promise.resolve({ succeeded: body.task_ids.slice(1), failed: [{ id: body.task_ids[0]!, reason: "no" }] });
      },
    } as unknown as ApiClient;
    const ids = Array.from({ length: 230 }, (_, i) => `t${i}`);
    const result = await runBulk(createEndpoints(fakeClient), ids, "retry");
    expect(sent.map((s) => s.length)).toEqual([100, 100, 30]);
    expect(result.failed.map((f) => f.id)).toEqual(["t0", "t100", "t200"]);
    expect(result.succeeded).toHaveLength(227);
  });
});
