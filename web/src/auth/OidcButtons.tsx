import { useMutation, useQuery } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, useApiContext, type OidcProvider } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { startOidc, type OidcMode } from "./oidcFlow";

/** The server's configured identity providers (an empty list, or a server without OIDC, shows nothing). */
export function useOidcProviders() {
  const api = useApi();
  return useQuery({
    queryKey: keys.oidcProviders,
    queryFn: () => orEmptyWhenMissing(api.oidc.providers(), [] as OidcProvider[]),
    staleTime: 300_000,
  });
}

interface Props {
  mode: OidcMode;
  /** Provider names not to offer (already linked). */
  exclude?: readonly string[];
  /** Where to return after signing in. */
  from?: string;
}

/** One button per identity provider: "Sign in with X" on the sign-in page, "Link X" on the account page. */
export function OidcButtons({ mode, exclude = [], from }: Props) {
  const ctx = useApiContext();
  const providers = useOidcProviders();
  const start = useMutation({ mutationFn: (provider: string) => startOidc(ctx, provider, mode, from) });
  const offered = (providers.data ?? []).filter((p) => !exclude.includes(p.name));
  if (offered.length === 0 && !providers.error) return null;
  const leaving = start.isPending || start.isSuccess;
  return (
    <div className="oidc">
      {mode === "login" && <p className="muted oidc-or">or</p>}
      <ErrorAlert error={providers.error ?? start.error} prefix={mode === "login" ? "Could not start sign-in" : "Could not start linking"} />
      <div className="actions" role="group" aria-label={mode === "login" ? "Sign in with a provider" : "Link a provider"}>
        {offered.map((p) => (
          <button key={p.name} type="button" className="btn" disabled={leaving}
            onClick={() => start.mutate(p.name)}>
            {mode === "login" ? `Sign in with ${p.display_name}` : `Link ${p.display_name}`}
          </button>
        ))}
      </div>
      {leaving && (
        <p role="status" className="muted">
          Going to {offered.find((p) => p.name === start.variables)?.display_name ?? start.variables}…
        </p>
      )}
    </div>
  );
}
