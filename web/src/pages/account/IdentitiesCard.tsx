import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type OidcIdentity } from "../../api";
import { OidcButtons, useOidcProviders } from "../../auth/OidcButtons";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dateTime } from "../../components/format";
import { Loading } from "../../components/Loading";

/** Identity providers linked to the account; unlinking your only way to sign in is refused by the server (shown). */
export function IdentitiesCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const providers = useOidcProviders();
  const identities = useQuery({
    queryKey: keys.identities,
    queryFn: () => orEmptyWhenMissing(api.oidc.identities(), [] as OidcIdentity[]),
  });
  const unlink = useMutation({
    mutationFn: (provider: string) => api.oidc.unlink(provider),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.identities });
      void queryClient.invalidateQueries({ queryKey: keys.me });
    },
  });
  const names = new Map((providers.data ?? []).map((p) => [p.name, p.display_name]));
  const linked = identities.data ?? [];

  return (
    <section aria-labelledby="identities-title" className="card">
      <h2 id="identities-title">Sign-in providers</h2>
      {identities.isPending && <Loading what="linked providers" />}
      <ErrorAlert error={identities.error} />
      <ErrorAlert error={unlink.error} prefix="Could not unlink" />
      {identities.isSuccess && linked.length === 0 && <p className="muted">No identity provider is linked to this account.</p>}
      {linked.length > 0 && (
        <ul className="identities">
          {linked.map((i) => (
            <li key={i.provider}>
              <strong>{names.get(i.provider) ?? i.provider}</strong>
              {i.provider_email && <span> {i.provider_email}</span>}
              <span className="muted"> linked {dateTime(i.created_at)}</span>
              <button type="button" className="btn btn-small" disabled={unlink.isPending}
                onClick={() => { unlink.reset(); unlink.mutate(i.provider); }}>
                Unlink {names.get(i.provider) ?? i.provider}
              </button>
            </li>
          ))}
        </ul>
      )}
      {providers.isSuccess && providers.data.length === 0 && (
        <p className="muted">This server has no identity providers configured.</p>
      )}
      <OidcButtons mode="link" exclude={linked.map((i) => i.provider)} />
    </section>
  );
}
