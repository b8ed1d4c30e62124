import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { keys, useApiContext } from "../../api";
import { takePendingOidc, type OidcMode } from "../../auth/oidcFlow";
import { ErrorAlert } from "../../components/ErrorAlert";

/**
 * Where an identity provider sends the browser back: sends the code and state with the remembered state token to the
 * server, then signs in (or, when the flow started on the account page, links the identity) and moves on.
 */
export function OidcCallbackPage() {
  const { provider = "" } = useParams();
  const [params] = useSearchParams();
  const { api, flowStorage } = useApiContext();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<OidcMode | null>(null);
  const sent = useRef(false);

  useEffect(() => {
    // The code is single-use: never send it twice (StrictMode runs effects twice in development).
    if (sent.current) return;
    sent.current = true;
    const pending = takePendingOidc(flowStorage);
    const refused = params.get("error");
    const code = params.get("code");
    const state = params.get("state");
    if (pending?.provider === provider) setMode(pending.mode);
    if (refused) {
      setError(new Error(`The provider did not sign you in: ${params.get("error_description") || refused}.`));
    } else if (!pending || pending.provider !== provider) {
      setError(new Error("This sign-in was not started in this tab, or it was already used. Start again."));
    } else if (!code || !state) {
      setError(new Error("The provider sent no authorization code. Start again."));
    } else {
      const body = { code, state, state_token: pending.state_token, redirect_uri: pending.redirect_uri };
      const done = pending.mode === "link"
        ? api.oidc.link(provider, body).then((linked) => {
          void queryClient.invalidateQueries({ queryKey: keys.identities });
          void queryClient.invalidateQueries({ queryKey: keys.me });
          void navigate("/account", { replace: true, state: { linked: linked.provider_email ?? linked.provider } });
        })
        : api.oidc.callback(provider, body).then(() => navigate(pending.from ?? "/", { replace: true }));
      done.catch(setError);
    }
  }, [api, flowStorage, navigate, params, provider, queryClient]);

  const linking = mode === "link";
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="callback-title">
        <h1 id="callback-title">{linking ? `Linking ${provider}` : `Signing in with ${provider}`}</h1>
        {error ? (
          <>
            <ErrorAlert error={error} prefix={linking ? "Linking failed" : "Sign-in failed"} />
            {linking ? <Link to="/account">Back to your account</Link> : <Link to="/login">Back to sign in</Link>}
          </>
        ) : (
          <p role="status" className="muted">Checking with the server…</p>
        )}
      </section>
    </div>
  );
}
