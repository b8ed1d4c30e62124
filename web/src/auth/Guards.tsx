import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useAuth } from "./AuthContext";

/** Pages behind sign-in: without a session, go to /login and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (!user) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

/** Admin pages: other users get a plain refusal (the server refuses their API calls with 403 anyway). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin } = useAuth();
  if (!isAdmin) {
    return (
      <section aria-labelledby="forbidden-title">
        <h1 id="forbidden-title">Not available</h1>
        <p>This page is for administrators.</p>
      </section>
    );
  }
  return <>{children}</>;
}
