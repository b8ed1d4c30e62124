import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../App";
import { ApiProvider, createApiContext, keys, memoryStorage, useApi } from "../api";
import { FakeEventSource } from "../test/fakeEventSource";
import { FakeServer } from "../test/fakeServer";
import { admin } from "../test/fixtures";
import { useProjectEvents } from "./useProjectEvents";

function Probe({ runKey = 0 }: { runKey?: number }) {
  const api = useApi();
  const tasks = useQuery({ queryKey: keys.tasks("p1"), queryFn: () => api.tasks.list("p1") });
  const { events, state } = useProjectEvents("p1", { runKey });
  return (
    <div>
      <p data-testid="state">{state}</p>
      <p data-testid="fetches">{tasks.dataUpdatedAt}</p>
      <ol>{events.map((e) => <li key={e.id}>{`${e.id}:${e.type}:${e.message}`}</li>)}</ol>
    </div>
  );
}

function setup(server = new FakeServer(), tokenMissing = false) {
  let tokens = 0;
  if (tokenMissing) server.problem("POST", "/api/events/:id/token", 404, "There is no API route 'POST /api/events/p1/token'.");
  else server.on("POST", "/api/events/:id/token", () => ({ body: { token: `tok-${++tokens}` } }));
  server.json("GET", "/api/tasks/project/:id", []);
  const storage = memoryStorage();
  storage.setItem("orch.session", JSON.stringify({ access_token: "a", refresh_token: "r", user: admin }));
  const api = createApiContext({ storage, fetch: server.fetch, openEventSource: (url) => new FakeEventSource(url) as unknown as EventSource });
  const queryClient = createQueryClient();
  const view = (runKey = 0) => (
    <ApiProvider value={api}>
      <QueryClientProvider client={queryClient}><Probe runKey={runKey} /></QueryClientProvider>
    </ApiProvider>
  );
  const r = render(view());
  return { server, rerun: (k: number) => r.rerender(view(k)) };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const items = () => screen.queryAllByRole("listitem").map((li) => li.textContent);

describe("useProjectEvents", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    FakeEventSource.reset();
  });
  afterEach(() => vi.useRealTimers());

  it("listens for the checkpoint, review, verification-retry, tool-call and checkpoint-resolved events", async () => {
    setup();
    await advance(0);
    const es = FakeEventSource.latest();
    act(() => {
      es.open();
      es.emit("tool_call", "1", { message: "write_file hello.py", timestamp: 1, project_id: "p1", task_id: "t1", tool: "write_file" });
      es.emit("task_verification_retry", "2", { message: "gaps found", timestamp: 2, project_id: "p1", task_id: "t1" });
      es.emit("task_needs_review", "3", { message: "needs a person", timestamp: 3, project_id: "p1", task_id: "t1" });
      es.emit("checkpoint", "4", { message: "decide", timestamp: 4, project_id: "p1", task_id: "t1", checkpoint_id: "cp1" });
      es.emit("checkpoint_resolved", "5", { message: "resolved: skip", timestamp: 5, project_id: "p1", task_id: "t1", checkpoint_id: "cp1" });
    });
    expect(items()).toEqual([
      "1:tool_call:write_file hello.py", "2:task_verification_retry:gaps found", "3:task_needs_review:needs a person", "4:checkpoint:decide",
      "5:checkpoint_resolved:resolved: skip",
    ]);
  });

  it("gets a token with a body-less POST, opens the stream with it and shows events in order", async () => {
    const { server } = setup();
    await advance(0);
    const tokenCall = server.calls("POST", "/api/events/p1/token")[0]!;
    expect(tokenCall.rawBody).toBeNull();
    const es = FakeEventSource.latest();
    expect(es.url).toBe("/api/events/p1?token=tok-1");
    act(() => {
      es.open();
      es.emit("task_start", "1", { message: "Started 'A'", timestamp: 1, project_id: "p1", task_id: "t1" });
      es.emit("task_complete", "2", { message: "Completed 'A'", timestamp: 2, project_id: "p1", task_id: "t1", cost_usd: 0.01 });
    });
    expect(screen.getByTestId("state").textContent).toBe("live");
    expect(items()).toEqual(["1:task_start:Started 'A'", "2:task_complete:Completed 'A'"]);
  });

  it("ignores events it already has (replay overlapping a resume)", async () => {
    setup();
    await advance(0);
    const es = FakeEventSource.latest();
    act(() => {
      es.emit("task_start", "5", { message: "a", timestamp: 1, project_id: "p1" });
      es.emit("task_start", "5", { message: "a", timestamp: 1, project_id: "p1" });
      es.emit("task_start", "4", { message: "old", timestamp: 1, project_id: "p1" });
    });
    expect(items()).toEqual(["5:task_start:a"]);
  });

  it("after an error reconnects with a new token and resumes after the last id", async () => {
    const { server } = setup();
    await advance(0);
    const first = FakeEventSource.latest();
    act(() => {
      first.open();
      first.emit("task_start", "7", { message: "a", timestamp: 1, project_id: "p1" });
      first.fail();
    });
    expect(first.closed).toBe(true);
    expect(screen.getByTestId("state").textContent).toBe("reconnecting");
    await advance(600);
    const second = FakeEventSource.latest();
    expect(second).not.toBe(first);
    expect(second.url).toBe("/api/events/p1?token=tok-2&after=7");
    expect(server.calls("POST", "/api/events/p1/token")).toHaveLength(2);
    act(() => {
      second.open();
      second.emit("task_complete", "8", { message: "b", timestamp: 2, project_id: "p1" });
    });
    expect(items()).toEqual(["7:task_start:a", "8:task_complete:b"]);
  });

  it("closes the stream when the run completes and does not reconnect", async () => {
    const { server } = setup();
    await advance(0);
    const es = FakeEventSource.latest();
    act(() => es.emit("project_complete", "3", { message: "done", timestamp: 3, project_id: "p1" }));
    expect(es.closed).toBe(true);
    expect(screen.getByTestId("state").textContent).toBe("closed");
    await advance(20_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(server.calls("POST", "/api/events/p1/token")).toHaveLength(1);
  });

  it("opens again after a new run starts, resuming after the last id", async () => {
    const { rerun } = setup();
    await advance(0);
    act(() => FakeEventSource.latest().emit("project_failed", "12", { message: "x", timestamp: 3, project_id: "p1" }));
    rerun(1);
    await advance(0);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().url).toBe("/api/events/p1?token=tok-2&after=12");
  });

  it("refetches the queries an event affects, once per burst", async () => {
    const { server } = setup();
    await advance(0);
    expect(server.calls("GET", "/api/tasks/project/p1")).toHaveLength(1);
    const es = FakeEventSource.latest();
    act(() => {
      for (let i = 1; i <= 5; i++) es.emit("task_complete", String(i), { message: "m", timestamp: i, project_id: "p1" });
    });
    await advance(150);
    expect(server.calls("GET", "/api/tasks/project/p1")).toHaveLength(2);
  });

  it("says live events are unavailable when the server has no event stream, and does not retry", async () => {
    const { server } = setup(new FakeServer(), true);
    await advance(0);
    expect(screen.getByTestId("state").textContent).toBe("unavailable");
    await advance(20_000);
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(server.calls("POST", "/api/events/p1/token")).toHaveLength(1);
  });
});
