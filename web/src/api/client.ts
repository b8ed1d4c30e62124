import { ApiError, problemFrom } from "./errors";
import type { Session, SessionStore } from "./session";
import { filenameFrom } from "./filename";
import type { DownloadedFile, Page, TokenPair } from "./types";

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  /** JSON body. Omitted: the request goes without a body and without Content-Type (action POSTs). */
  body?: unknown;
  query?: Query;
  /** Send the bearer token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ClientOptions {
  sessions: SessionStore;
  /** Base of the server, "" for same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/**
 * The one HTTP transport of the UI. Adds the bearer token, turns problem+json answers into ApiError, and on a 401
 * rotates the refresh token once (shared by every request that failed at the same time) and retries once.
 */
export class ApiClient {
  readonly sessions: SessionStore;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private refreshing: Promise<Session | null> | null = null;

  constructor(options: ClientOptions) {
    this.sessions = options.sessions;
    this.baseUrl = options.baseUrl ?? "";
    // Bound so that `window.fetch` is not called with the client as `this` (an "Illegal invocation" in browsers).
    const f = options.fetch ?? globalThis.fetch;
    this.fetchFn = (input, init) => f(input, init);
  }

  url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
    }
    const qs = params.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ""}`;
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>("GET", path, { query, signal });
  }

  /** GETs one page of a paged list: its items, and the total the server counts in X-Total-Count (without the header,
   * what this page shows is all there is). */
  async page<T>(path: string, query: Query & { offset: number; limit: number }): Promise<Page<T>> {
    const response = await this.respond("GET", path, { query });
    const items = JSON.parse(await response.text()) as T[];
    const total = Number(response.headers.get("X-Total-Count") ?? Number.NaN);
    return { items, total: Number.isInteger(total) ? total : query.offset + items.length };
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", path, { body });
  }

  delete(path: string): Promise<void> {
    return this.request<void>("DELETE", path);
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.respond(method, path, options);
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** GETs a file (an attachment): its bytes, and its name from Content-Disposition or else `fallbackName`. */
  async download(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await this.respond("GET", path, {});
    return { blob: await response.blob(), filename: filenameFrom(response.headers.get("Content-Disposition"), fallbackName) };
  }

  /** Signs in and stores the session. */
  async login(email: string, password: string): Promise<TokenPair> {
    const pair = await this.request<TokenPair>("POST", "/api/auth/login", { body: { email, password }, auth: false });
    return this.signIn(pair);
  }

  /** Stores a token pair the server issued (password sign-in or an identity provider's callback) as the session. */
  signIn(pair: TokenPair): TokenPair {
    this.sessions.set({ access_token: pair.access_token, refresh_token: pair.refresh_token, user: pair.user });
    return pair;
  }

  logout(): void {
    this.sessions.set(null);
  }

  /** Sends with the bearer token, rotating the tokens once on a 401; a response that is not ok becomes an ApiError. */
  private async respond(method: string, path: string, options: RequestOptions): Promise<Response> {
    const auth = options.auth ?? true;
    const sent = auth ? this.sessions.get() : null;
    let response = await this.send(method, path, options, sent?.access_token);
    if (response.status === 401 && auth && sent) {
      const current = await this.freshSession(sent);
      if (!current) {
        throw new ApiError(401, "Unauthorized", "Your session has ended. Sign in again.");
      }
      response = await this.send(method, path, options, current.access_token);
      if (response.status === 401) {
        this.sessions.set(null);
      }
    }
    if (!response.ok) {
      throw await problemFrom(response);
    }
    return response;
  }

  private async send(method: string, path: string, options: RequestOptions, token: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const init: RequestInit = { method, headers, signal: options.signal };
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    try {
      return await this.fetchFn(this.url(path, options.query), init);
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new ApiError(0, "Network error", "The server could not be reached. Check that it is running.");
    }
  }

  /**
   * The session to retry with after a 401. If another request already rotated the tokens since this one was sent,
   * that newer session is used as is: rotating again with a used refresh token would revoke the whole family.
   */
  private async freshSession(sent: Session): Promise<Session | null> {
    const now = this.sessions.get();
    if (!now) return null;
    if (now.access_token !== sent.access_token) return now;
    this.refreshing ??= this.rotate(now).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async rotate(session: Session): Promise<Session | null> {
    const response = await this.send("POST", "/api/auth/refresh", { body: { refresh_token: session.refresh_token } }, undefined)
      .catch(() => null);
    if (!response?.ok) {
      // A network failure keeps the session (the user may retry); a refused refresh token ends it.
      if (response) this.sessions.set(null);
      return null;
    }
    const pair = (await response.json()) as TokenPair;
    const next: Session = { access_token: pair.access_token, refresh_token: pair.refresh_token, user: pair.user ?? session.user };
    this.sessions.set(next);
    return next;
  }
}
