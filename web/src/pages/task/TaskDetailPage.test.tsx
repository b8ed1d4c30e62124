import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { TaskDetail } from "../../api";
import { FakeEventSource } from "../../test/fakeEventSource";
import { project, taskDetail } from "../../test/fixtures";
import { baseServer, renderApp } from "../../test/render";

function serverFor(t: TaskDetail) {
  let current = t;
  const server = baseServer().on("GET", "/api/tasks/t1", () => ({ body: current })).json("GET", "/api/projects/p1", project());
  const set = (next: TaskDetail) => (current = next);
  return { server, set };
}

describe("task detail", () => {
  beforeEach(() => FakeEventSource.reset());

  it("shows output, verification, and the task's facts", async () => {
    renderApp("/tasks/t1", serverFor(taskDetail()).server);
    expect(await screen.findByRole("heading", { level: 1, name: /Write hello.py/ })).toHaveTextContent("completed");
    const output = screen.getByRole("region", { name: "Output" });
    expect(within(output).getByText("print('hello')")).toBeInTheDocument();
    const verification = screen.getByRole("region", { name: "Verification" });
    expect(verification).toHaveTextContent("passed");
    expect(verification).toHaveTextContent("Greeting and ISO date present.");
    const facts = screen.getByRole("region", { name: "Details" });
    expect(facts).toHaveTextContent("Tokens1,200 in / 340 out");
    expect(facts).toHaveTextContent("Cost$0.0123");
    expect(screen.queryByRole("region", { name: "Edit task" })).toBeNull();
    expect(await screen.findByRole("link", { name: "hello-world" })).toHaveAttribute("href", "/projects/p1");
  });

  it("approves a task waiting for review", async () => {
    const { server, set } = serverFor(taskDetail({ status: "needs_review", verification_status: "human_needed" }));
    server.on("POST", "/api/tasks/t1/review", () => ({ body: set(taskDetail({ status: "completed" })) }));
    renderApp("/tasks/t1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Approve output" }));
    expect(await screen.findByRole("heading", { level: 1, name: /completed/ })).toBeInTheDocument();
    expect(server.calls("POST", "/api/tasks/t1/review")[0]!.body).toEqual({ action: "approve" });
  });

  it("sends a task back with feedback", async () => {
    const { server, set } = serverFor(taskDetail({ status: "needs_review" }));
    server.on("POST", "/api/tasks/t1/review", () => ({ body: set(taskDetail({ status: "queued", retry_count: 1 })) }));
    renderApp("/tasks/t1", server);
    await userEvent.type(await screen.findByLabelText("Feedback for another attempt"), "Use ISO dates.");
    await userEvent.click(screen.getByRole("button", { name: "Retry with feedback" }));
    expect(await screen.findByRole("heading", { level: 1, name: /queued/ })).toBeInTheDocument();
    expect(server.calls("POST", "/api/tasks/t1/review")[0]!.body).toEqual({ action: "retry", feedback: "Use ISO dates." });
  });

  it("retries a failed task and shows its error", async () => {
    const { server, set } = serverFor(taskDetail({ status: "failed", error: "Model timed out.", output_text: null }));
    server.on("POST", "/api/tasks/t1/retry", () => ({ body: set(taskDetail({ status: "queued", error: null, output_text: null })) }));
    renderApp("/tasks/t1", server);
    expect(await screen.findByText("Model timed out.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("heading", { level: 1, name: /queued/ })).toBeInTheDocument();
    expect(server.calls("POST", "/api/tasks/t1/retry")[0]!.rawBody).toBeNull();
  });

  it("cancels a queued task, and shows a refusal's detail", async () => {
    const { server } = serverFor(taskDetail({ status: "queued", output_text: null }));
    server.problem("POST", "/api/tasks/t1/cancel", 409, "The task already finished.");
    renderApp("/tasks/t1", server);
    await userEvent.click(await screen.findByRole("button", { name: "Cancel task" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The task already finished.");
  });

  it("edits a pending task, sending only what changed, and shows server validation", async () => {
    const { server } = serverFor(taskDetail({ status: "pending", output_text: null, priority: 5 }));
    server.problem("PATCH", "/api/tasks/t1", 422, "One field is invalid.", { priority: ["'priority' must be between 0 and 1000."] });
    renderApp("/tasks/t1", server);
    const form = await screen.findByRole("region", { name: "Edit task" });
    await userEvent.selectOptions(within(form).getByLabelText("Model tier"), "haiku");
    const priority = within(form).getByLabelText("Priority (0–1000)");
    await userEvent.clear(priority);
    await userEvent.type(priority, "5000");
    await userEvent.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("'priority' must be between 0 and 1000.");
    expect(server.calls("PATCH", "/api/tasks/t1")[0]!.body).toEqual({ model_tier: "haiku", priority: 5000 });
  });

  it("follows the project's events and refetches the task when it changes", async () => {
    const { server, set } = serverFor(taskDetail({ status: "running", output_text: null }));
    renderApp("/tasks/t1", server);
    expect(await screen.findByRole("heading", { level: 1, name: /running/ })).toBeInTheDocument();
    set(taskDetail({ status: "completed", output_text: "done!" }));
    const es = FakeEventSource.latest();
    es.emit("task_complete", "4", { message: "Completed", timestamp: 1, project_id: "p1", task_id: "t1" });
    expect(await screen.findByText("done!")).toBeInTheDocument();
  });
});
