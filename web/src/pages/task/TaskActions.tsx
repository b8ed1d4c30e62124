import { useState, type FormEvent } from "react";
import { useApi, type TaskDetail } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useTaskMutation } from "./useTaskMutation";

const RETRYABLE = new Set(["failed", "cancelled"]);
const CANCELLABLE = new Set(["pending", "blocked", "queued", "running"]);

/** Retry, cancel, and for a task waiting for a person: approve its output or send it back with feedback. */
export function TaskActions({ task }: { task: TaskDetail }) {
  const api = useApi();
  const [feedback, setFeedback] = useState("");
  const retry = useTaskMutation(task, () => api.tasks.retry(task.id));
  const cancel = useTaskMutation(task, () => api.tasks.cancel(task.id));
  const review = useTaskMutation(task, (r: { action: "approve" | "retry"; feedback?: string }) => api.tasks.review(task.id, r));
  const busy = retry.isPending || cancel.isPending || review.isPending;
  const error = retry.error ?? cancel.error ?? review.error;

  const sendBack = (e: FormEvent) => {
    e.preventDefault();
    review.mutate({ action: "retry", feedback: feedback.trim() || undefined }, { onSuccess: () => setFeedback("") });
  };

  return (
    <div className="actions-block">
      <div className="actions" role="group" aria-label="Task actions">
        {RETRYABLE.has(task.status) && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => retry.mutate()}>
            Retry
          </button>
        )}
        {CANCELLABLE.has(task.status) && (
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => cancel.mutate()}>
            Cancel task
          </button>
        )}
      </div>
      {task.status === "needs_review" && (
        <form className="card review form" onSubmit={sendBack} aria-labelledby="review-title">
          <h2 id="review-title">Review</h2>
          <p className="muted">This task is waiting for you. Its dependants stay blocked until you decide.</p>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => review.mutate({ action: "approve" })}>
            Approve output
          </button>
          <label>
            Feedback for another attempt
            <textarea rows={3} value={feedback} onChange={(e) => setFeedback(e.target.value)} />
          </label>
          <button type="submit" className="btn" disabled={busy}>
            Retry with feedback
          </button>
        </form>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
