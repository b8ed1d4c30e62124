import { render } from "@testing-library/react";
import { App, createQueryClient } from "../App";
import { createApiContext, memoryStorage, type AuthUser } from "../api";
import { FakeEventSource } from "./fakeEventSource";
import { FakeServer } from "./fakeServer";
import { admin, services } from "./fixtures";

export interface Harness {
  server: FakeServer;
  storage: ReturnType<typeof memoryStorage>;
}

/** A server with what every signed-in page asks for (services for the banner, an SSE token). */
export function baseServer(): FakeServer {
  return new FakeServer()
    .json("GET", "/api/services", services(false))
    .json("POST", "/api/events/:id/token", { token: "sse-token" });
}

export interface RenderOptions {
  /** What the tab's sessionStorage holds before the app starts (a sign-in that went to an identity provider). */
  flow?: Record<string, string>;
}

/**
 * Renders the whole app at a path, signed in as `user` (null: signed out), against a fake server. `left` records the
 * URLs the app sent the browser away to.
 */
export function renderApp(path: string, server: FakeServer, user: AuthUser | null = admin, options: RenderOptions = {}) {
  const storage = memoryStorage();
  if (user) {
    storage.setItem("orch.session", JSON.stringify({ access_token: "access-1", refresh_token: "refresh-1", user }));
  }
  const flowStorage = memoryStorage();
  for (const [k, v] of Object.entries(options.flow ?? {})) flowStorage.setItem(k, v);
  const left: string[] = [];
  const api = createApiContext({
    storage, fetch: server.fetch, openEventSource: (url) => new FakeEventSource(url) as unknown as EventSource,
    flowStorage, leave: (url) => left.push(url),
  });
  const queryClient = createQueryClient();
  const result = render(<App api={api} initialPath={path} queryClient={queryClient} />);
  return { ...result, server, storage, flowStorage, left, api, queryClient };
}
