/**
 * A small hand-written stand-in for the HTTP API in component tests: routes "METHOD /path" (":param" segments) to
 * handlers that answer JSON or problem+json, and records every request so tests can assert what was sent.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string | null;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: RecordedRequest, params: Record<string, string>) => Reply | Promise<Reply>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];

  /** Adds (or, for the same method and path, replaces) a route. */
  on(method: string, path: string, handler: Handler | Reply | unknown[]): this {
    const names: string[] = [];
    const pattern = new RegExp(`^${path.replace(/:([a-z_]+)/gi, (_, n: string) => (names.push(n), "([^/]+)"))}$`);
    const h: Handler = typeof handler === "function" ? (handler as Handler) : () => (Array.isArray(handler) ? { body: handler } : (handler as Reply));
    this.routes = this.routes.filter((r) => !(r.method === method && r.pattern.source === pattern.source));
    this.routes.push({ method, pattern, names, handler: h });
    return this;
  }

  json(method: string, path: string, body: unknown, status = 200): this {
    return this.on(method, path, () => ({ status, body }));
  }

  problem(method: string, path: string, status: number, detail: string, errors?: Record<string, string[]>): this {
    return this.on(method, path, () => problem(status, detail, errors));
  }

  calls(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input), "http://localhost");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const rawBody = typeof init?.body === "string" ? init.body : null;
    const req: RecordedRequest = {
      method: init?.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers,
      rawBody,
      body: rawBody ? JSON.parse(rawBody) : undefined,
    };
    this.requests.push(req);
    for (const route of this.routes) {
      const m = route.method === req.method ? route.pattern.exec(req.path) : null;
      if (m) {
        const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")]));
        return toResponse(await route.handler(req, params));
      }
    }
    return toResponse(problem(404, `There is no API route '${req.method} ${req.path}'.`));
  };
}

export function problem(status: number, detail: string, errors?: Record<string, string[]>): Reply {
  return {
    status,
    body: { type: "about:blank", title: status === 422 ? "Validation failed" : "Error", status, detail, ...(errors ? { errors } : {}) },
    headers: { "Content-Type": "application/problem+json" },
  };
}

function toResponse(reply: Reply): Response {
  const status = reply.status ?? 200;
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(reply.body ?? {}), {
    status,
    headers: { "Content-Type": "application/json", ...reply.headers },
  });
}
