import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { useApiContext, type AuthUser } from "../api";

export interface Auth {
  user: AuthUser | null;
  isAdmin: boolean;
  login: (email: string, password: string) => Promise<AuthUser>;
  logout: () => void;
}

/** The signed-in user, read from the client's session store (which token rotation and sign-out update). */
export function useAuth(): Auth {
  const { client } = useApiContext();
  const session = useSyncExternalStore(client.sessions.subscribe, () => client.sessions.get());
  const login = useCallback(async (email: string, password: string) => (await client.login(email, password)).user, [client]);
  const logout = useCallback(() => client.logout(), [client]);
  const user = session?.user ?? null;
  return { user, isAdmin: user?.role === "admin", login, logout };
}

/** Drops every cached server answer when the user changes, so one account never sees another's data. */
export function useClearCacheOnUserChange(): void {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const previous = useRef(user?.id);
  useEffect(() => {
    // Signing in from signed-out has nothing to drop (sign-out already cleared), and clearing then would race the
    // first page's queries.
    if (previous.current !== user?.id) {
      if (previous.current !== undefined) queryClient.clear();
      previous.current = user?.id;
    }
  }, [user?.id, queryClient]);
}
