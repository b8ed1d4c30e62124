import { label } from "./format";

const TONES: Record<string, string> = {
  completed: "ok", delivered: "ok", pending: "info", online: "ok", passed: "ok", approved: "ok", ready: "info",
  running: "busy", executing: "busy", planning: "busy", queued: "info", checking: "info",
  failed: "bad", offline: "bad", cancelled: "muted", superseded: "muted", rejected: "muted",
  needs_review: "warn", gaps_found: "warn", human_needed: "warn", paused: "warn", degraded: "warn", blocked: "warn",
};

/** A status word with a colour that never carries the meaning alone (the word is always shown). */
export function StatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <span className={`badge badge-${TONES[status] ?? "neutral"}`} title={title}>
      {label(status)}
    </span>
  );
}
