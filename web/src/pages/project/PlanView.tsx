import { useCallback, useId, useMemo, useState } from "react";
import { ApiError, useApi, type ApproveResult, type PlanDocument, type PlanTask, type PlanVersion } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usd } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";
import { ForecastAccuracyFact } from "./ForecastAccuracyFact";
import { PlanExtras } from "./PlanExtras";
import { PlanForecastFact } from "./PlanForecastFact";
import { PlanTaskCard, type PlanTaskEditing } from "./PlanTaskCard";
import { ProjectSpendBar } from "./ProjectSpendBar";
import { appendTask, moveTask, removeTask } from "./planEdit";
import { forecastRates, liveForecast } from "./planForecast";
import { forecastByIndex, planTasks, replaceTask } from "./planModel";
import { usePlanSave } from "./usePlanSave";
import { useProjectMutation } from "./useProjectMutation";

interface Props {
  projectId: string;
  plan: PlanVersion;
  /** The project is in a state where a draft plan may be edited and approved. */
  editable: boolean;
  /** The project's own budget cap (USD), when it has one. */
  cap: number | null;
}

const NEW_TASK: PlanTask = { title: "New task", description: "Describe what this task does.", task_type: "code", complexity: "simple", depends_on: [] };

/**
 * The latest plan: phases, tasks with dependencies and cost forecast, open questions, risks; edit and approve. Adding,
 * removing and reordering tasks change a local copy whose forecast is computed here as it changes (and as a task's form
 * is typed in); Save plan sends it and the server's forecast replaces the computed one.
 */
export function PlanView({ projectId, plan, editable, cap }: Props) {
  const api = useApi();
  const [approved, setApproved] = useState<ApproveResult | null>(null);
  // A draft is what the user works on; an approved or superseded plan is history, folded away under the tasks.
  const [open, setOpen] = useState(plan.status === "draft");
  const bodyId = useId();
  const approve = useProjectMutation(projectId, (force: boolean) => api.projects.approve(projectId, plan.id, force));
  const [draft, setDraft] = useState<PlanDocument | null>(null);
  const [preview, setPreview] = useState<{ index: number; task: PlanTask } | null>(null);
  const doc = draft ?? plan.plan;
  const save = usePlanSave(projectId, plan.id);
  const rates = useMemo(() => forecastRates(plan.plan, plan.forecast), [plan.plan, plan.forecast]);
  const unsaved = draft !== null || preview !== null;
  const live = unsaved ? liveForecast(preview ? replaceTask(doc, preview.index, preview.task) : doc, rates) : null;
  const onPreview = useCallback((index: number, task: PlanTask | null) => setPreview(task ? { index, task } : null), []);
  // Changes that lead back to the saved plan leave nothing to save.
  const change = (next: PlanDocument) => setDraft(JSON.stringify(next) === JSON.stringify(plan.plan) ? null : next);
  const editing: PlanTaskEditing = {
    doc,
    remove: (index) => change(removeTask(doc, index)),
    move: (index, by) => change(moveTask(doc, index, by)),
    preview: onPreview,
    saved: () => setDraft(null),
  };
  // A 402 means the high forecast does not fit a budget cap: the owner may approve anyway, knowing the caps still stop the run.
  const overBudget = approve.error instanceof ApiError && approve.error.status === 402;
  const tasks = planTasks(doc);
  const forecast = draft ? liveForecast(draft, rates).tasks : forecastByIndex(plan.forecast);
  const canEdit = editable && plan.status === "draft";
  const phases = doc.phases?.length ? doc.phases : [null];

  return (
    <section aria-labelledby="plan-title" className="card">
      <div className="section-head">
        <h2 id="plan-title">
          Plan v{plan.version} <StatusBadge status={plan.status} />
        </h2>
        <div className="actions">
          <button type="button" className="btn btn-ghost" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide plan" : "Show plan"}
          </button>
          {canEdit && (
            <button type="button" className="btn btn-primary" disabled={approve.isPending || draft !== null}
              title={draft ? "Save or discard the changes first" : undefined}
              onClick={() => approve.mutate(false, { onSuccess: setApproved })}>
              {approve.isPending ? "Approving…" : "Approve plan"}
            </button>
          )}
          {canEdit && overBudget && (
            <button type="button" className="btn btn-danger" disabled={approve.isPending}
              onClick={() => approve.mutate(true, { onSuccess: setApproved })}>
              Approve anyway
            </button>
          )}
        </div>
      </div>
      <ErrorAlert error={approve.error} prefix="Could not approve" />
      {canEdit && draft && (
        <div className="actions" role="group" aria-label="Unsaved plan changes">
          <button type="button" className="btn btn-primary" disabled={save.isPending}
            onClick={() => save.mutate(draft, { onSuccess: () => setDraft(null) })}>
            {save.isPending ? "Saving…" : "Save plan"}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => { setDraft(null); save.reset(); }}>
            Discard changes
          </button>
        </div>
      )}
      <ErrorAlert error={save.error} prefix="The server refused the plan" />
      {approved && (
        <p role="status" className="alert alert-ok">
          Approved: {approved.tasks_created} tasks in {approved.total_waves} waves, estimated {usd(approved.estimated_cost_usd)}
          {approved.forced ? ", past a budget cap" : ""}.
        </p>
      )}
      <p>{plan.plan.summary}</p>
      {plan.spent_usd !== null && <ProjectSpendBar spent={plan.spent_usd} forecastHigh={plan.forecast_high_usd} cap={cap} />}
      <div id={bodyId} hidden={!open}>
        <dl className="facts">
          <PlanForecastFact saved={plan.forecast} live={live} />
          <ForecastAccuracyFact />
          <div><dt>Tasks</dt><dd>{tasks.length}</dd></div>
          <div><dt>Planned by</dt><dd>{plan.model_used || "—"}</dd></div>
          <div><dt>Planning cost</dt><dd>{usd(plan.cost_usd)}</dd></div>
        </dl>
        {phases.map((phase, pi) => {
          const inPhase = tasks.filter((t) => t.phaseIndex === (phase ? pi : null));
          return (
            <div key={pi} className="phase">
              {phase && (
                <h3>
                  Phase {pi + 1}: {phase.name}
                </h3>
              )}
              {phase?.description && <p className="muted">{phase.description}</p>}
              <ol className="plan-tasks" start={(inPhase[0]?.index ?? 0) + 1} aria-label={phase ? `Tasks of ${phase.name}` : "Tasks"}>
                {inPhase.map((t) => (
                  <PlanTaskCard key={t.index} projectId={projectId} plan={plan} item={t} all={tasks}
                    forecast={forecast.get(t.index)} editing={canEdit ? editing : null} />
                ))}
              </ol>
              {canEdit && (
                <button type="button" className="btn btn-small" onClick={() => change(appendTask(doc, phase ? pi : null, NEW_TASK))}>
                  {phase ? `Add a task to ${phase.name}` : "Add a task"}
                </button>
              )}
            </div>
          );
        })}
        <PlanExtras plan={plan.plan} />
      </div>
    </section>
  );
}
