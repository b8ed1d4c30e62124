import { useState } from "react";
import type { KnowledgeEdit, KnowledgeItem } from "../../api";
import { label } from "../../components/format";

/** A finding's status; servers before knowledge screening send none, and injected every finding. */
export function statusOf(k: KnowledgeItem): string {
  return k.status ?? "accepted";
}

/** Where a finding came from, as the prompt of a later task says it. */
export function sourceOf(k: KnowledgeItem): string {
  const title = k.source_task_title ? `“${k.source_task_title}”` : null;
  switch (k.source ?? "task") {
    case "person": return "added by a person";
    case "checkpoint": return title ? `from a checkpoint gotcha on ${title}` : "from a checkpoint gotcha";
    default: return title ? `from task ${title}` : "from an earlier task";
  }
}

const STATUS_BADGE: Record<string, string> = { proposed: "badge-warn", accepted: "badge-ok", rejected: "badge-muted" };

interface Props {
  finding: KnowledgeItem;
  busy: boolean;
  onAccept: () => void;
  onReject: () => void;
  onEdit: (change: KnowledgeEdit) => Promise<unknown>;
  onDelete: () => void;
}

/** One finding with its status, source and the actions a person has on it: accept, reject or edit one that waits. */
export function KnowledgeFinding({ finding: k, busy, onAccept, onReject, onEdit, onDelete }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const status = statusOf(k);
  const short = k.content.slice(0, 60);
  if (draft !== null) {
    return (
      <li>
        <form aria-label={`Edit finding: ${short}`} className="knowledge-edit" onSubmit={(e) => {
          e.preventDefault();
          void onEdit({ content: draft.trim() }).then(() => setDraft(null), () => {});
        }}>
          <label>
            Finding text
            <textarea value={draft} onChange={(e) => setDraft(e.target.value)} rows={2} maxLength={2000} required />
          </label>
          <p className="muted">Saving your words accepts the finding.</p>
          <button type="submit" className="btn btn-small" disabled={busy || draft.trim().length === 0}>Save</button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setDraft(null)}>Cancel</button>
        </form>
      </li>
    );
  }
  return (
    <li aria-label={`Finding: ${short}`}>
      <span className={`badge ${STATUS_BADGE[status] ?? "badge-neutral"}`}>{label(status)}</span>
      <span className="badge badge-neutral">{label(k.category)}</span> {k.content}
      <span className="muted"> — {sourceOf(k)}</span>
      {status === "proposed" && k.screen_reason && <span className="muted"> (held: {k.screen_reason})</span>}
      {status === "proposed" && (
        <>
          <button type="button" className="btn btn-small" disabled={busy} onClick={onAccept} aria-label={`Accept finding: ${short}`}>Accept</button>
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={onReject} aria-label={`Reject finding: ${short}`}>Reject</button>
        </>
      )}
      {status === "rejected" && (
        <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={onAccept} aria-label={`Accept finding: ${short}`}>Accept</button>
      )}
      <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => setDraft(k.content)} aria-label={`Edit finding: ${short}`}>Edit</button>
      <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={onDelete} aria-label={`Delete finding: ${short}`}>Delete</button>
    </li>
  );
}
