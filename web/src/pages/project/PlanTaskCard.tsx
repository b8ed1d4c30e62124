import { useCallback, useEffect, useRef, useState } from "react";
import type { ForecastTask, PlanDocument, PlanTask, PlanVersion } from "../../api";
import { label, usdRange } from "../../components/format";
import { PlanTaskEditor } from "./PlanTaskEditor";
import type { IndexedTask } from "./planModel";

/** What a card may do to the plan being edited; absent when the plan cannot be edited. */
export interface PlanTaskEditing {
  doc: PlanDocument;
  remove: (index: number) => void;
  move: (index: number, by: -1 | 1) => void;
  preview: (index: number, task: PlanTask | null) => void;
  saved: () => void;
}

interface Props {
  projectId: string;
  plan: PlanVersion;
  item: IndexedTask;
  all: IndexedTask[];
  forecast: ForecastTask | undefined;
  editing: PlanTaskEditing | null;
}

export function PlanTaskCard({ projectId, plan, item, all, forecast, editing: edit }: Props) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Keyboard users land back on the Edit button when the editor closes (it replaced the button while open).
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const { task, index } = item;
  const preview = edit?.preview;
  const onPreview = useCallback((next: PlanTask | null) => preview?.(index, next), [preview, index]);
  const titleId = `plan-task-${index}`;
  const deps = task.depends_on ?? [];
  const samePhase = (i: number) => all[i] !== undefined && all[i].phaseIndex === item.phaseIndex;
  const name = `task ${index + 1}: ${task.title}`;
  return (
    <li className="plan-task" aria-labelledby={titleId}>
      <div className="plan-task-head">
        <h4 id={titleId}>
          <span className="muted">#{index + 1}</span> {task.title}
        </h4>
        {edit && !editing && (
          <div className="actions">
            <button ref={editButton} type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Edit ${name}`}>
              Edit
            </button>
            <button type="button" className="btn btn-small btn-ghost" disabled={!samePhase(index - 1)}
              onClick={() => edit.move(index, -1)} aria-label={`Move ${name} up`}>
              Up
            </button>
            <button type="button" className="btn btn-small btn-ghost" disabled={!samePhase(index + 1)}
              onClick={() => edit.move(index, 1)} aria-label={`Move ${name} down`}>
              Down
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => edit.remove(index)} aria-label={`Remove ${name}`}>
              Remove
            </button>
          </div>
        )}
      </div>
      <dl className="facts compact">
        <div><dt>Type</dt><dd>{label(task.task_type)}</dd></div>
        <div><dt>Complexity</dt><dd>{task.complexity}</dd></div>
        <div><dt>Tier</dt><dd>{task.model_tier ?? forecast?.model_tier ?? "auto"}{task.model_tier ? " (set)" : ""}</dd></div>
        {forecast && <div><dt>Model</dt><dd>{forecast.model}</dd></div>}
        <div><dt>Est. cost</dt><dd>{forecast ? usdRange(forecast.est_cost_usd_low, forecast.est_cost_usd_high) : "priced when saved"}</dd></div>
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
      {edit && editing && (
        <PlanTaskEditor projectId={projectId} plan={plan} doc={edit.doc} item={item} all={all} onPreview={onPreview}
          onSaved={edit.saved} onDone={() => setEditing(false)} />
      )}
    </li>
  );
}
