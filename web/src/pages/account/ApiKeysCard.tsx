import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { keys, useApi, type CreatedApiKey } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dateTime } from "../../components/format";
import { Loading } from "../../components/Loading";
import { NewKeyNotice } from "./NewKeyNotice";

/** API keys for scripts and the CLI: create (the key is shown once), list, revoke. */
export function ApiKeysCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const list = useQuery({ queryKey: keys.apiKeys, queryFn: () => api.apiKeys.list() });
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.apiKeys });
  const create = useMutation({
    mutationFn: (n: string) => api.apiKeys.create(n),
    onSuccess: (key) => {
      setCreated(key);
      setName("");
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api.apiKeys.revoke(id), onSuccess: () => refresh() });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    revoke.reset();
    create.mutate(name.trim());
  };

  return (
    <section aria-labelledby="keys-title" className="card">
      <h2 id="keys-title">API keys</h2>
      <p className="muted">A key works like a password for scripts and the CLI: send it as <code>Authorization: Bearer orch_…</code>.</p>
      <form className="row spaced" onSubmit={submit} aria-label="Create an API key">
        <label>
          Key name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. laptop CLI" />
        </label>
        <div className="actions end">
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()}>
            {create.isPending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
      <ErrorAlert error={create.error} prefix="Could not create the key" />
      {created && <NewKeyNotice created={created} onDone={() => setCreated(null)} />}
      <ErrorAlert error={list.error ?? revoke.error} />
      {list.isPending && <Loading what="API keys" />}
      {list.data && list.data.length === 0 && <p className="muted">No API keys yet.</p>}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <caption className="sr-only">Your API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((k) => (
              <tr key={k.id}>
                <th scope="row">{k.name}</th>
                <td><code>{k.key_prefix}…</code></td>
                <td>{k.is_active ? <span className="text-ok">active</span> : <span className="muted">revoked</span>}</td>
                <td>{dateTime(k.created_at)}</td>
                <td>{k.last_used_at ? dateTime(k.last_used_at) : <span className="muted">never</span>}</td>
                <td>
                  {k.is_active && confirming !== k.id && (
                    <button type="button" className="btn btn-small" onClick={() => setConfirming(k.id)} aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </button>
                  )}
                  {k.is_active && confirming === k.id && (
                    <span className="actions">
                      <button type="button" className="btn btn-small btn-danger" disabled={revoke.isPending}
                        onClick={() => revoke.mutate(k.id, { onSettled: () => setConfirming(null) })}>
                        Confirm revoke
                      </button>
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(null)}>Keep</button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
