export { ApiClient } from "./client";
export { ApiError, errorMessage } from "./errors";
export { SessionStore, memoryStorage, type Session, type KeyValueStorage } from "./session";
export { createEndpoints, type Endpoints } from "./endpoints";
export { ApiProvider, createApiContext, useApi, useApiContext, type ApiContextValue, type EventSourceFactory } from "./context";
export { keys } from "./keys";
export { orEmptyWhenMissing } from "./missing";
export * from "./types";
