import type { ApiContextValue, KeyValueStorage } from "../api";

const KEY = "orch.oidc";

/** `login` signs in with the provider's answer; `link` adds the provider to the signed-in account. */
export type OidcMode = "login" | "link";

/** What the tab remembers while the browser is away at the identity provider. */
export interface PendingOidc {
  provider: string;
  mode: OidcMode;
  state_token: string;
  redirect_uri: string;
  /** Where to go after signing in. */
  from?: string;
}

/** Where the provider sends the browser back to: this app's callback route for that provider. */
export function callbackUri(provider: string, origin = window.location.origin): string {
  return `${origin}/auth/callback/${encodeURIComponent(provider)}`;
}

/**
 * Asks the server for the provider's authorization URL, remembers the signed state token (sessionStorage: this tab
 * only, gone when it closes) and which call the callback must make, then leaves for the provider.
 */
export async function startOidc(ctx: ApiContextValue, provider: string, mode: OidcMode, from?: string): Promise<void> {
  const redirectUri = callbackUri(provider);
  const start = await ctx.api.oidc.start(provider, redirectUri);
  const pending: PendingOidc = { provider, mode, state_token: start.state_token, redirect_uri: redirectUri, from };
  ctx.flowStorage.setItem(KEY, JSON.stringify(pending));
  ctx.leave(start.authorization_url);
}

/** Reads and forgets the pending sign-in: a provider's code is single-use, so a reload must not send it again. */
export function takePendingOidc(storage: KeyValueStorage): PendingOidc | null {
  const raw = storage.getItem(KEY);
  storage.removeItem(KEY);
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Partial<PendingOidc>;
    if (typeof p.provider !== "string" || typeof p.state_token !== "string" || typeof p.redirect_uri !== "string") return null;
    return { provider: p.provider, mode: p.mode === "link" ? "link" : "login", state_token: p.state_token, redirect_uri: p.redirect_uri,
      from: typeof p.from === "string" ? p.from : undefined };
  } catch {
    return null;
  }
}

export const PENDING_OIDC_KEY = KEY;
