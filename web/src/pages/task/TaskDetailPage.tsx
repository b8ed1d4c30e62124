import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { count, dateTime, label, usd } from "../../components/format";
import { Loading } from "../../components/Loading";
import { StatusBadge } from "../../components/StatusBadge";
import { useProjectEvents } from "../../hooks/useProjectEvents";
import { TaskActions } from "./TaskActions";
import { TaskEditForm } from "./TaskEditForm";

export function TaskDetailPage() {
  const { taskId = "" } = useParams();
  const api = useApi();
  const task = useQuery({ queryKey: keys.task(taskId), queryFn: () => api.tasks.get(taskId) });
  const projectId = task.data?.project_id ?? "";
  const project = useQuery({ queryKey: keys.project(projectId), queryFn: () => api.projects.get(projectId), enabled: !!projectId });
  const siblings = useQuery({
    queryKey: keys.tasks(projectId),
    queryFn: () => api.tasks.list(projectId, { exclude_output: true, limit: 1000 }),
    enabled: !!projectId,
  });
  const titleOf = (id: string) => siblings.data?.find((x) => x.id === id)?.title ?? id.slice(0, 8);
  // Follows the project's events only to refetch this task when it changes; the timeline lives on the project page.
  useProjectEvents(projectId, { enabled: !!projectId });

  if (task.isPending) return <Loading what="task" />;
  if (task.error) return <ErrorAlert error={task.error} />;
  const t = task.data;
  const editable = !["running", "completed"].includes(t.status);

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Projects</Link> / <Link to={`/projects/${t.project_id}`}>{project.data?.name ?? "Project"}</Link> / <span aria-current="page">{t.title}</span>
      </nav>
      <div className="page-head">
        <h1>
          {t.title} <StatusBadge status={t.status} />
        </h1>
        <TaskActions task={t} />
      </div>
      <div className="grid-main">
        <div className="stack">
          <section aria-labelledby="output-title" className="card">
            <h2 id="output-title">Output</h2>
            {t.error && (
              <div className="alert alert-error">
                <strong>Error:</strong> {t.error}
              </div>
            )}
            {t.output_text ? <pre className="output">{t.output_text}</pre> : <p className="muted">No output yet.</p>}
            {t.output_artifacts.length > 0 && (
              <details>
                <summary>Artifacts ({t.output_artifacts.length})</summary>
                <pre className="output">{JSON.stringify(t.output_artifacts, null, 2)}</pre>
              </details>
            )}
          </section>
          <section aria-labelledby="verify-title" className="card">
            <h2 id="verify-title">Verification</h2>
            {t.verification_status ? (
              <p>
                <StatusBadge status={t.verification_status} />
              </p>
            ) : (
              <p className="muted">Not verified.</p>
            )}
            {t.verification_notes && <p className="notes">{t.verification_notes}</p>}
          </section>
          <section aria-labelledby="desc-title" className="card">
            <h2 id="desc-title">Description</h2>
            <p className="description">{t.description}</p>
          </section>
          {editable && <TaskEditForm task={t} />}
        </div>
        <section aria-labelledby="facts-title" className="card">
          <h2 id="facts-title">Details</h2>
          <dl className="facts vertical">
            <div><dt>Type</dt><dd>{label(t.task_type)}</dd></div>
            <div><dt>Tier</dt><dd>{t.model_tier}</dd></div>
            <div><dt>Model</dt><dd>{t.model_used ?? "—"}</dd></div>
            <div><dt>Wave</dt><dd>{t.wave}</dd></div>
            {t.phase && <div><dt>Phase</dt><dd>{t.phase}</dd></div>}
            <div><dt>Priority</dt><dd>{t.priority}</dd></div>
            <div><dt>Cost</dt><dd>{usd(t.cost_usd)}</dd></div>
            <div><dt>Tokens</dt><dd>{count(t.prompt_tokens)} in / {count(t.completion_tokens)} out</dd></div>
            <div><dt>Retries</dt><dd>{t.retry_count}</dd></div>
            <div><dt>Tools</dt><dd>{t.tools.length ? t.tools.join(", ") : "none"}</dd></div>
            <div><dt>Requirements</dt><dd>{t.requirement_ids.length ? t.requirement_ids.map((r) => `[${r}]`).join(" ") : "—"}</dd></div>
            <div><dt>Depends on</dt><dd>{t.depends_on.length ? t.depends_on.map((d) => <Link key={d} to={`/tasks/${d}`} className="dep-link">{titleOf(d)}</Link>) : "nothing"}</dd></div>
            <div><dt>Started</dt><dd>{dateTime(t.started_at)}</dd></div>
            <div><dt>Completed</dt><dd>{dateTime(t.completed_at)}</dd></div>
          </dl>
        </section>
      </div>
    </div>
  );
}
