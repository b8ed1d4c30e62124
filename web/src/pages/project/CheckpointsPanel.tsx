import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { keys, orEmptyWhenMissing, useApi, type Checkpoint, type TaskListItem } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { dateTime, label, time } from "../../components/format";
import { CheckpointResolveForm } from "./CheckpointResolveForm";

/**
 * Tasks that ran out of attempts and wait for a person: each open checkpoint with what was tried and the question,
 * and a form to retry with guidance, skip or fail. Resolved ones are folded away. Nothing shows while there are none.
 */
export function CheckpointsPanel({ projectId, tasks }: { projectId: string; tasks: TaskListItem[] }) {
  const api = useApi();
  const checkpoints = useQuery({
    queryKey: keys.checkpoints(projectId),
    queryFn: () => orEmptyWhenMissing(api.checkpoints.list(projectId, true), [] as Checkpoint[]),
  });
  const all = checkpoints.data ?? [];
  if (checkpoints.error) return <ErrorAlert error={checkpoints.error} prefix="Checkpoints" />;
  if (all.length === 0) return null;
  const open = all.filter((c) => c.resolved_at === null);
  const resolved = all.filter((c) => c.resolved_at !== null);
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const taskName = (c: Checkpoint) => (c.task_id ? c.task_title ?? titles.get(c.task_id) ?? c.task_id : "Project");

  return (
    <section aria-labelledby="checkpoints-title" className={`card ${open.length ? "card-attention" : ""}`}>
      <h2 id="checkpoints-title">
        Checkpoints {open.length > 0 && <span className="badge badge-warn">{open.length} waiting for you</span>}
      </h2>
      {open.length === 0 && <p className="muted">Nothing is waiting for you.</p>}
      {open.map((c) => (
        <article key={c.id} className="checkpoint" aria-labelledby={`cp-${c.id}`}>
          <h3 id={`cp-${c.id}`}>
            <span className="badge badge-warn">{label(c.checkpoint_type)}</span>{" "}
            {c.task_id ? <Link to={`/tasks/${c.task_id}`}>{taskName(c)}</Link> : taskName(c)}
          </h3>
          <p className="description">{c.summary}</p>
          {c.attempts.length > 0 && (
            <ol className="attempts" aria-label="Attempts">
              {c.attempts.map((a, i) => (
                <li key={i}>
                  <time dateTime={new Date(a.timestamp * 1000).toISOString()}>{time(a.timestamp)}</time> {a.message}
                </li>
              ))}
            </ol>
          )}
          {c.errors && c.errors.length > 0 && (
            <details className="errors">
              <summary>Errors and notes ({c.errors.length})</summary>
              <ul>{c.errors.map((e, i) => <li key={i}><pre>{e}</pre></li>)}</ul>
            </details>
          )}
          {c.question && <p className="question"><strong>{c.question}</strong></p>}
          <CheckpointResolveForm projectId={projectId} checkpoint={c} />
        </article>
      ))}
      {resolved.length > 0 && (
        <details>
          <summary>Resolved ({resolved.length})</summary>
          <ul className="resolved">
            {resolved.map((c) => (
              <li key={c.id}>
                <span className="badge badge-neutral">{label(c.checkpoint_type)}</span>{" "}
                {taskName(c)}: {c.summary}{" "}
                <span className="muted">resolved {dateTime(c.resolved_at)}{describeResolution(c)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** " — skip: “guidance”": the action it was resolved with and the guidance given, when the server says. */
function describeResolution(c: Checkpoint): string {
  const parts = [c.resolution ?? "", c.response ? `“${c.response}”` : ""].filter(Boolean);
  return parts.length ? ` — ${parts.join(": ")}` : "";
}
