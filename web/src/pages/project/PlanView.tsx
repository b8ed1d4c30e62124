import { useId, useState } from "react";
import { ApiError, useApi, type ApproveResult, type PlanVersion } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usd, usdRange } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";
import { ForecastAccuracyFact } from "./ForecastAccuracyFact";
import { PlanExtras } from "./PlanExtras";
import { PlanTaskCard } from "./PlanTaskCard";
import { appendTask } from "./planEdit";
import { forecastByIndex, planTasks } from "./planModel";
import { useProjectMutation } from "./useProjectMutation";

interface Props {
  projectId: string;
  plan: PlanVersion;
  /** The project is in a state where a draft plan may be edited and approved. */
  editable: boolean;
}

/** The latest plan: phases, tasks with dependencies and cost forecast, open questions, risks; edit and approve. */
export function PlanView({ projectId, plan, editable }: Props) {
  const api = useApi();
  const [approved, setApproved] = useState<ApproveResult | null>(null);
  // A draft is what the user works on; an approved or superseded plan is history, folded away under the tasks.
  const [open, setOpen] = useState(plan.status === "draft");
  const bodyId = useId();
  const approve = useProjectMutation(projectId, (force: boolean) => api.projects.approve(projectId, plan.id, force));
  const add = useProjectMutation(projectId, (phaseIndex: number | null) => api.projects.editPlan(projectId, plan.id,
    appendTask(plan.plan, phaseIndex, { title: "New task", description: "Describe what this task does.", task_type: "code", complexity: "simple", depends_on: [] })));
  // A 402 means the high forecast does not fit a budget cap: the owner may approve anyway, knowing the caps still stop the run.
  const overBudget = approve.error instanceof ApiError && approve.error.status === 402;
  const tasks = planTasks(plan.plan);
  const forecast = forecastByIndex(plan.forecast);
  const canEdit = editable && plan.status === "draft";
  const phases = plan.plan.phases?.length ? plan.plan.phases : [null];

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
            <button type="button" className="btn btn-primary" disabled={approve.isPending}
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
      <ErrorAlert error={add.error} prefix="The server refused the new task" />
      {approved && (
        <p role="status" className="alert alert-ok">
          Approved: {approved.tasks_created} tasks in {approved.total_waves} waves, estimated {usd(approved.estimated_cost_usd)}
          {approved.forced ? ", past a budget cap" : ""}.
        </p>
      )}
      <p>{plan.plan.summary}</p>
      <div id={bodyId} hidden={!open}>
        <dl className="facts">
          <div><dt>Forecast</dt><dd data-testid="forecast-total">{usdRange(plan.forecast.total_usd_low, plan.forecast.total_usd_high)}</dd></div>
          <ForecastAccuracyFact />
          {plan.spent_usd !== null && plan.spent_usd !== undefined && (
            <div><dt>Spent since approval</dt><dd data-testid="plan-spent">{usd(plan.spent_usd)} of {usd(plan.forecast.total_usd_high)} forecast (high)</dd></div>
          )}
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
                    forecast={forecast.get(t.index)} editable={canEdit} />
                ))}
              </ol>
              {canEdit && (
                <button type="button" className="btn btn-small" disabled={add.isPending} onClick={() => add.mutate(phase ? pi : null)}>
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
