import { useQuery } from "@tanstack/react-query";
import { useLocation } from "react-router-dom";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { ApiKeysCard } from "./ApiKeysCard";
import { IdentitiesCard } from "./IdentitiesCard";

/** Who you are to the server (GET /api/auth/me), how you sign in, and your API keys. */
export function AccountPage() {
  const api = useApi();
  const linked = (useLocation().state as { linked?: string } | null)?.linked;
  const me = useQuery({ queryKey: keys.me, queryFn: () => api.auth.me() });

  return (
    <div className="page">
      <h1>Account</h1>
      {linked && <p role="status" className="alert alert-ok">Linked {linked}. You can now sign in with it.</p>}
      <div className="grid-2">
        <section aria-labelledby="me-title" className="card">
          <h2 id="me-title">You</h2>
          {me.isPending && <Loading what="your account" />}
          <ErrorAlert error={me.error} />
          {me.data && (
            <dl className="facts vertical">
              <div><dt>Email</dt><dd>{me.data.email}</dd></div>
              <div><dt>Display name</dt><dd>{me.data.display_name}</dd></div>
              <div><dt>Role</dt><dd>{me.data.role}</dd></div>
              <div>
                <dt>Password</dt>
                <dd>{me.data.has_password ? "set" : "none (you sign in with a linked provider)"}</dd>
              </div>
              <div>
                <dt>Linked providers</dt>
                <dd>{me.data.linked_providers.length ? me.data.linked_providers.join(", ") : "none"}</dd>
              </div>
            </dl>
          )}
        </section>
        <IdentitiesCard />
      </div>
      <ApiKeysCard />
    </div>
  );
}
