import { useEffect, useRef, useState } from "react";
import { useApi, type ForecastTask, type PlanVersion } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { label, usdRange } from "../../components/format";
import { PlanTaskEditor } from "./PlanTaskEditor";
import { removeTask } from "./planEdit";
import type { IndexedTask } from "./planModel";
import { useProjectMutation } from "./useProjectMutation";

interface Props {
  projectId: string;
  plan: PlanVersion;
  item: IndexedTask;
  all: IndexedTask[];
  forecast: ForecastTask | undefined;
  editable: boolean;
}

export function PlanTaskCard({ projectId, plan, item, all, forecast, editable }: Props) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const remove = useProjectMutation(projectId, () => api.projects.editPlan(projectId, plan.id, removeTask(plan.plan, item.index)));
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Keyboard users land back on the Edit button when the editor closes (it replaced the button while open).
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const { task, index } = item;
  const titleId = `plan-task-${index}`;
  const deps = task.depends_on ?? [];
  return (
    <li className="plan-task" aria-labelledby={titleId}>
      <div className="plan-task-head">
        <h4 id={titleId}>
          <span className="muted">#{index + 1}</span> {task.title}
        </h4>
        {editable && !editing && (
          <button ref={editButton} type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Edit task ${index + 1}: ${task.title}`}>
            Edit
          </button>
        )}
        {editable && !editing && (
          <button type="button" className="btn btn-small btn-ghost" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}
            aria-label={`Remove task ${index + 1}: ${task.title}`}>
            Remove
          </button>
        )}
      </div>
      <ErrorAlert error={remove.error} prefix="The server refused to remove the task" />
      <dl className="facts compact">
        <div><dt>Type</dt><dd>{label(task.task_type)}</dd></div>
        <div><dt>Complexity</dt><dd>{task.complexity}</dd></div>
        <div><dt>Tier</dt><dd>{task.model_tier ?? forecast?.model_tier ?? "auto"}{task.model_tier ? " (set)" : ""}</dd></div>
        {forecast && <div><dt>Model</dt><dd>{forecast.model}</dd></div>}
        {forecast && <div><dt>Est. cost</dt><dd>{usdRange(forecast.est_cost_usd_low, forecast.est_cost_usd_high)}</dd></div>}
        {task.priority !== undefined && task.priority !== null && <div><dt>Priority</dt><dd>{task.priority}</dd></div>}
        <div>
          <dt>Depends on</dt>
          <dd>{deps.length === 0 ? "nothing" : deps.map((d) => `#${d + 1} ${all[d]?.task.title ?? "(unknown)"}`).join(", ")}</dd>
        </div>
        {task.requirement_ids && task.requirement_ids.length > 0 && (
          <div><dt>Covers</dt><dd>{task.requirement_ids.map((r) => `[${r}]`).join(" ")}</dd></div>
        )}
      </dl>
      {task.description && <p className="description">{task.description}</p>}
      {editing && (
        <PlanTaskEditor projectId={projectId} plan={plan} item={item} all={all} onDone={() => setEditing(false)} />
      )}
    </li>
  );
}
