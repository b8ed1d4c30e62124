import type { AuthUser } from "./types";

/** What the browser keeps of a signed-in user: the token pair and who it belongs to. */
export interface Session {
  access_token: string;
  refresh_token: string;
  user: AuthUser;
}

/** Minimal subset of the Web Storage API, so tests can pass an in-memory store. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = "orch.session";

/**
 * Holds the session in storage (localStorage in the browser) and tells subscribers when it changes, including
 * when another tab rotated the tokens (the `storage` event), so that tab's new refresh token is the one we use next.
 */
export class SessionStore {
  private readonly listeners = new Set<() => void>();
  private cached: Session | null;

  constructor(private readonly storage: KeyValueStorage) {
    this.cached = read(storage);
    if (typeof window !== "undefined" && storage === window.localStorage) {
      window.addEventListener("storage", (e) => {
        if (e.key === KEY) {
          this.cached = read(storage);
          this.emit();
        }
      });
    }
  }

  get(): Session | null {
    return this.cached;
  }

  set(session: Session | null): void {
    this.cached = session;
    if (session) {
      this.storage.setItem(KEY, JSON.stringify(session));
    } else {
      this.storage.removeItem(KEY);
    }
    this.emit();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

function read(storage: KeyValueStorage): Session | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    return s.access_token && s.refresh_token && s.user ? (s as Session) : null;
  } catch {
    return null;
  }
}

/** A storage that lives only in memory (tests, or browsers with storage disabled). */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
