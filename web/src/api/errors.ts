/**
 * An RFC 9457 problem answered by the server (or a network failure), with the server's human-readable
 * `detail` as the message so the UI can show it as is.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Validation problems: field name → messages. Empty for other problems. */
  readonly errors: Record<string, string[]>;

  constructor(status: number, title: string, detail: string, errors: Record<string, string[]> = {}) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }

  /** Every field message, flattened, for display under a form. */
  fieldMessages(): string[] {
    return Object.entries(this.errors).flatMap(([field, msgs]) => msgs.map((m) => (m.includes(field) ? m : `${field}: ${m}`)));
  }
}

/** Builds an ApiError from a failed response, reading a problem+json body when there is one. */
export async function problemFrom(response: Response): Promise<ApiError> {
  const status = response.status;
  const fallback = response.statusText || `HTTP ${status}`;
  let body: unknown = null;
  const text = await response.text().catch(() => "");
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (body && typeof body === "object") {
    const p = body as { title?: unknown; detail?: unknown; errors?: unknown };
    const title = typeof p.title === "string" ? p.title : fallback;
    const detail = typeof p.detail === "string" && p.detail ? p.detail : title;
    return new ApiError(status, title, detail, normaliseErrors(p.errors));
  }
  return new ApiError(status, fallback, text && text.length < 300 ? text : `The server answered ${status} ${fallback}.`);
}

function normaliseErrors(errors: unknown): Record<string, string[]> {
  if (!errors || typeof errors !== "object") return {};
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(errors as Record<string, unknown>)) {
    if (Array.isArray(v)) out[k] = v.map(String);
    else if (typeof v === "string") out[k] = [v];
  }
  return out;
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return String(error);
}
