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

/** Renders the whole app at a path, signed in as `user` (null: signed out), against a fake server. */
export function renderApp(path: string, server: FakeServer, user: AuthUser | null = admin) {
  const storage = memoryStorage();
  if (user) {
    storage.setItem("orch.session", JSON.stringify({ access_token: "access-1", refresh_token: "refresh-1", user }));
  }
  const api = createApiContext({ storage, fetch: server.fetch, openEventSource: (url) => new FakeEventSource(url) as unknown as EventSource });
  const queryClient = createQueryClient();
  const result = render(<App api={api} initialPath={path} queryClient={queryClient} />);
  return { ...result, server, storage, api, queryClient };
}
