import { createContext, useContext, type ReactNode } from "react";
import { ApiClient } from "./client";
import { createEndpoints, type Endpoints } from "./endpoints";
import { SessionStore, type KeyValueStorage } from "./session";

/** The constructor of EventSource; tests pass a scripted one (jsdom has none). */
export type EventSourceFactory = (url: string) => EventSource;

export interface ApiContextValue {
  client: ApiClient;
  api: Endpoints;
  openEventSource: EventSourceFactory;
  /** Per-tab storage for a sign-in that leaves for an identity provider and comes back (sessionStorage). */
  flowStorage: KeyValueStorage;
  /** Leaves the app for another site (an identity provider's authorization page). */
  leave: (url: string) => void;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function createApiContext(options: {
  storage: KeyValueStorage;
  fetch?: typeof fetch;
  openEventSource?: EventSourceFactory;
  flowStorage?: KeyValueStorage;
  leave?: (url: string) => void;
}): ApiContextValue {
  const client = new ApiClient({ sessions: new SessionStore(options.storage), fetch: options.fetch });
  return {
    client,
    api: createEndpoints(client),
    openEventSource: options.openEventSource ?? ((url) => new EventSource(url)),
    flowStorage: options.flowStorage ?? window.sessionStorage,
    leave: options.leave ?? ((url) => window.location.assign(url)),
  };
}

export function ApiProvider({ value, children }: { value: ApiContextValue; children: ReactNode }) {
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApiContext(): ApiContextValue {
  const v = useContext(ApiContext);
  if (!v) throw new Error("useApiContext must be used inside <ApiProvider>.");
  return v;
}

export function useApi(): Endpoints {
  return useApiContext().api;
}
