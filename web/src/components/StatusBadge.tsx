import { label } from "./format";

const TONES: Record<string, string> = {
  completed: "ok", delivered: "ok", pending: "info", online: "ok", passed: "ok", approved: "ok", ready: "info",
  running: "busy", executing: "busy", planning: "busy", queued: "info", checking: "info",
  failed: "bad", offline: "bad", cancelled: "muted", superseded: "muted", rejected: "muted",
  needs_review: "warn", gaps_found: "warn", human_needed: "warn", paused: "warn", degraded: "warn", blocked: "warn",
};

/** The colour family of a status ("ok", "bad", ...), shared by badges and the task graph's nodes. */
export function statusTone(status: string): string {
  return TONES[status] ?? "neutral";
}

/** A status word with a colour that never carries the meaning alone (the word is always shown). */
export function StatusBadge({ status, title }: { status: string; title?: string }) {
  return (
    <span className={`badge badge-${statusTone(status)}`} title={title}>
      {label(status)}
    </span>
  );
}
