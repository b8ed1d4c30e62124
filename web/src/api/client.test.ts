import { describe, expect, it } from "vitest";
import { FakeServer, problem } from "../test/fakeServer";
import { admin, tokenPair } from "../test/fixtures";
import { ApiClient } from "./client";
import { createEndpoints } from "./endpoints";
import { ApiError } from "./errors";
import { memoryStorage, SessionStore } from "./session";

function setup(signedIn = true) {
  const server = new FakeServer();
  const sessions = new SessionStore(memoryStorage());
  if (signedIn) sessions.set({ access_token: "access-1", refresh_token: "refresh-1", user: admin });
  const client = new ApiClient({ sessions, fetch: server.fetch });
  return { server, sessions, client, api: createEndpoints(client) };
}

/** Projects answer only the current access token; refresh rotates n → n+1 and refuses a used token. */
function rotatingServer(server: FakeServer) {
  let current = 1;
  server.on("GET", "/api/projects", (req) =>
    req.headers.authorization === `Bearer access-${current}` ? { body: [] } : problem(401, "The access token expired."));
  server.on("POST", "/api/auth/refresh", (req) => {
    const body = req.body as { refresh_token: string };
    if (body.refresh_token !== `refresh-${current}`) return problem(401, "The refresh token is invalid, expired or already used.");
    current += 1;
    return { body: tokenPair(current) };
  });
}

const FIRST = { offset: 0, limit: 50 };

describe("ApiClient", () => {
  it("sends the bearer token and reads a bare JSON array", async () => {
    const { server, api } = setup();
    server.json("GET", "/api/projects", [{ id: "p1" }]);
    const page = await api.projects.page({ offset: 0, limit: 5 });
    expect(page).toEqual({ items: [{ id: "p1" }], total: 1 });
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBe("Bearer access-1");
    expect(req.query.get("limit")).toBe("5");
  });

  it("reads a page's total from X-Total-Count", async () => {
    const { server, api } = setup();
    server.on("GET", "/api/projects", () => ({ body: [{ id: "p3" }], headers: { "X-Total-Count": "7" } }));
    await expect(api.projects.page({ offset: 2, limit: 1 })).resolves.toEqual({ items: [{ id: "p3" }], total: 7 });
    expect(server.requests[0]!.query.get("offset")).toBe("2");
  });

  it("sends action POSTs with no body and no Content-Type", async () => {
    const { server, api } = setup();
    server.json("POST", "/api/projects/:id/execute", { id: "p1", status: "executing" });
    await api.projects.execute("p1");
    const req = server.calls("POST", "/api/projects/p1/execute")[0]!;
    expect(req.rawBody).toBeNull();
    expect(req.headers["content-type"]).toBeUndefined();
  });

  it("sends JSON bodies with Content-Type application/json", async () => {
    const { server, api } = setup();
    server.json("POST", "/api/projects", { id: "p9" }, 201);
    await api.projects.create({ name: "n", requirements: "r", planning_rigor: "L3" });
    const req = server.calls("POST", "/api/projects")[0]!;
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toEqual({ name: "n", requirements: "r", planning_rigor: "L3" });
  });

  it("rotates the refresh token on a 401 and retries the request once", async () => {
    const { server, sessions, api } = setup();
    rotatingServer(server);
    sessions.set({ access_token: "stale", refresh_token: "refresh-1", user: admin });
    await expect(api.projects.page(FIRST)).resolves.toEqual({ items: [], total: 0 });
    expect(server.calls("POST", "/api/auth/refresh")).toHaveLength(1);
    expect(sessions.get()).toMatchObject({ access_token: "access-2", refresh_token: "refresh-2" });
    expect(server.calls("GET", "/api/projects").map((r) => r.headers.authorization)).toEqual(["Bearer stale", "Bearer access-2"]);
  });

  it("shares one refresh between requests that fail at the same time (a rotated token is never reused)", async () => {
    const { server, sessions, api } = setup();
    rotatingServer(server);
    sessions.set({ access_token: "stale", refresh_token: "refresh-1", user: admin });
    const results = await Promise.all([api.projects.page(FIRST), api.projects.page(FIRST), api.projects.page(FIRST)]);
    expect(results.map((r) => r.items)).toEqual([[], [], []]);
    expect(server.calls("POST", "/api/auth/refresh")).toHaveLength(1);
  });

  it("ends the session when the refresh token is refused", async () => {
    const { server, sessions, api } = setup();
    server.problem("GET", "/api/projects", 401, "The access token expired.");
    server.problem("POST", "/api/auth/refresh", 401, "The refresh token is invalid, expired or already used.");
    const error = await api.projects.page(FIRST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(sessions.get()).toBeNull();
  });

  it("does not refresh a second time when the retried request is refused again", async () => {
    const { server, sessions, api } = setup();
    server.problem("GET", "/api/projects", 401, "Account deactivated.");
    server.json("POST", "/api/auth/refresh", tokenPair(2));
    await expect(api.projects.page(FIRST)).rejects.toMatchObject({ status: 401, detail: "Account deactivated." });
    expect(server.calls("POST", "/api/auth/refresh")).toHaveLength(1);
    expect(server.calls("GET", "/api/projects")).toHaveLength(2);
    expect(sessions.get()).toBeNull();
  });

  it("surfaces a problem's detail and its field errors", async () => {
    const { server, api } = setup();
    server.problem("POST", "/api/projects", 422, "2 fields are invalid.", {
      name: ["'name' is required."],
      planning_rigor: ["must be one of L1, L2, L3"],
    });
    const error = (await api.projects.create({ name: "", requirements: "x" }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe("2 fields are invalid.");
    expect(error.status).toBe(422);
    expect(error.fieldMessages()).toEqual(["'name' is required.", "planning_rigor: must be one of L1, L2, L3"]);
  });

  it("reports an unreachable server as a readable error", async () => {
    const sessions = new SessionStore(memoryStorage());
    const client = new ApiClient({ sessions, fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    await expect(client.get("/api/projects")).rejects.toMatchObject({ status: 0, detail: expect.stringMatching(/could not be reached/) });
  });

  it("returns undefined for 204 No Content", async () => {
    const { server, api } = setup();
    server.on("DELETE", "/api/projects/:id", { status: 204 });
    await expect(api.projects.remove("p1")).resolves.toBeUndefined();
  });

  it("login stores the token pair and the user; logout forgets them", async () => {
    const { server, sessions, client } = setup(false);
    server.json("POST", "/api/auth/login", tokenPair(7));
    await client.login("ada@example.com", "password123");
    expect(server.calls("POST", "/api/auth/login")[0]!.headers.authorization).toBeUndefined();
    expect(sessions.get()).toEqual({ access_token: "access-7", refresh_token: "refresh-7", user: admin });
    client.logout();
    expect(sessions.get()).toBeNull();
  });

  it("builds the SSE URL with the token and the id to resume after", () => {
    const { api } = setup();
    expect(api.events.streamUrl("p 1", "tok", "41")).toBe("/api/events/p%201?token=tok&after=41");
    expect(api.events.streamUrl("p1", "tok")).toBe("/api/events/p1?token=tok");
  });

  it("downloads a file with the bearer token and names it from Content-Disposition", async () => {
    const { server, api } = setup();
    server.on("GET", "/api/projects/:id/export", {
      body: { project: { name: "hello" } },
      headers: { "Content-Disposition": 'attachment; filename="hello-world-0123abcd.json"' },
    });
    const file = await api.projects.export("p1");
    expect(file.filename).toBe("hello-world-0123abcd.json");
    expect(JSON.parse(await file.blob.text())).toEqual({ project: { name: "hello" } });
    expect(server.calls("GET", "/api/projects/p1/export")[0]!.headers.authorization).toBe("Bearer access-1");
  });

  it("rotates the tokens for a download too, and reports a refused one as a problem", async () => {
    const { server, sessions, api } = setup();
    rotatingServer(server);
    server.on("GET", "/api/projects/:id/export", (req) =>
      req.headers.authorization === "Bearer access-2" ? { body: {} } : problem(401, "The access token expired."));
    sessions.set({ access_token: "stale", refresh_token: "refresh-1", user: admin });
    await expect(api.projects.export("p1")).resolves.toMatchObject({ filename: "project-p1.json" });
    server.problem("GET", "/api/projects/:id/export", 404, "The project was not found.");
    await expect(api.projects.export("p1")).rejects.toMatchObject({ status: 404, detail: "The project was not found." });
  });

  it("creates, lists and revokes API keys", async () => {
    const { server, api } = setup();
    server.json("POST", "/api/auth/api-keys", { id: "k1", key: `orch_${"a".repeat(64)}`, key_prefix: "orch_aaaaaaa", name: "ci", created_at: 1 }, 201);
    server.json("GET", "/api/auth/api-keys", []);
    server.json("DELETE", "/api/auth/api-keys/:id", { status: "revoked", key_id: "k1" });
    await expect(api.apiKeys.create("ci")).resolves.toMatchObject({ key: expect.stringMatching(/^orch_a{64}$/) });
    expect(server.calls("POST", "/api/auth/api-keys")[0]!.body).toEqual({ name: "ci" });
    await expect(api.apiKeys.list()).resolves.toEqual([]);
    await expect(api.apiKeys.revoke("k1")).resolves.toEqual({ status: "revoked", key_id: "k1" });
    expect(server.calls("DELETE", "/api/auth/api-keys/k1")[0]!.headers.authorization).toBe("Bearer access-1");
  });

  it("starts an OIDC sign-in without a token and stores the session the callback answers", async () => {
    const { server, sessions, api } = setup(false);
    server.json("GET", "/api/auth/oidc/:provider/login", { authorization_url: "https://idp.example/authorize?x=1", state_token: "st" });
    server.json("POST", "/api/auth/oidc/:provider/callback", tokenPair(5));
    const start = await api.oidc.start("github", "http://localhost:3000/auth/callback/github");
    expect(start.state_token).toBe("st");
    const req = server.calls("GET", "/api/auth/oidc/github/login")[0]!;
    expect(req.query.get("redirect_uri")).toBe("http://localhost:3000/auth/callback/github");
    expect(req.headers.authorization).toBeUndefined();
    const body = { code: "c", state: "s", state_token: "st", redirect_uri: "http://localhost:3000/auth/callback/github" };
    await api.oidc.callback("github", body);
    expect(server.calls("POST", "/api/auth/oidc/github/callback")[0]!.body).toEqual(body);
    expect(sessions.get()).toMatchObject({ access_token: "access-5", refresh_token: "refresh-5", user: admin });
  });

  it("links and unlinks an identity with the signed-in user's token", async () => {
    const { server, api } = setup();
    server.json("POST", "/api/auth/oidc/link/:provider", { provider: "github", provider_user_id: "42", provider_email: null });
    server.problem("DELETE", "/api/auth/oidc/link/:provider", 400, "This is your only way to sign in: set a password or link another provider first.");
    await api.oidc.link("github", { code: "c", state: "s", state_token: "st", redirect_uri: "r" });
    expect(server.calls("POST", "/api/auth/oidc/link/github")[0]!.headers.authorization).toBe("Bearer access-1");
    await expect(api.oidc.unlink("github")).rejects.toMatchObject({ status: 400, detail: expect.stringMatching(/only way to sign in/) });
  });

  it("sends bulk task actions, clone, import and checkpoint calls as api.md shapes them", async () => {
    const { server, api } = setup();
    server.json("POST", "/api/tasks/bulk", { succeeded: ["t1"], failed: [{ id: "t2", reason: "The task is completed." }] });
    server.json("POST", "/api/projects/:id/clone", { id: "p9" }, 201);
    server.json("POST", "/api/projects/import", { id: "p10" }, 201);
    server.json("GET", "/api/checkpoints/project/:id", []);
    server.json("POST", "/api/checkpoints/:id/resolve", { id: "cp1" });
    await expect(api.tasks.bulk(["t1", "t2"], "retry")).resolves.toEqual({ succeeded: ["t1"], failed: [{ id: "t2", reason: "The task is completed." }] });
    expect(server.calls("POST", "/api/tasks/bulk")[0]!.body).toEqual({ task_ids: ["t1", "t2"], action: "retry" });
    await api.projects.clone("p1");
    expect(server.calls("POST", "/api/projects/p1/clone")[0]!.rawBody).toBeNull();
    await api.projects.import({ project: { name: "x" }, tasks: [] });
    expect(server.calls("POST", "/api/projects/import")[0]!.body).toEqual({ project: { name: "x" }, tasks: [] });
    await api.checkpoints.list("p1");
    await api.checkpoints.list("p1", true);
    expect(server.calls("GET", "/api/checkpoints/project/p1").map((r) => r.query.get("resolved"))).toEqual([null, "true"]);
    await api.checkpoints.resolve("cp1", { action: "skip", guidance: "move on" });
    expect(server.calls("POST", "/api/checkpoints/cp1/resolve")[0]!.body).toEqual({ action: "skip", guidance: "move on" });
  });
});
