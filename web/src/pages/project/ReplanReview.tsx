import { ApiError, useApi, type ApproveResult, type PlanVersion, type ReplanResult } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usdRange } from "../../components/format";
import { PlanDiffBody, PlanDiffView } from "./PlanDiffView";
import { planTasks } from "./planModel";
import { useProjectMutation } from "./useProjectMutation";

interface Props {
  projectId: string;
  /** The draft as POST /replan answered it (with its diff), or as GET /plans lists it (the diff is then fetched). */
  draft: ReplanResult | (PlanVersion & { replan_of: string });
  /** Called with what to tell the owner once the draft is approved or rejected. */
  onDecided: (message: string) => void;
}

/** A re-plan draft against the running plan: the diff, the forecast of the remaining work, the kept tasks; approve or reject. */
export function ReplanReview({ projectId, draft, onDecided }: Props) {
  const api = useApi();
  const approve = useProjectMutation(projectId, (force: boolean) => api.projects.approve(projectId, draft.id, force));
  const reject = useProjectMutation(projectId, () => api.projects.rejectPlan(projectId, draft.id));
  // A 402: the remaining work's high forecast does not fit a budget cap; the owner may approve anyway, as for a first plan.
  const overBudget = approve.error instanceof ApiError && approve.error.status === 402;
  const busy = approve.isPending || reject.isPending;
  const kept = draft.kept_task_ids;
  const approved = (r: ApproveResult) =>
    onDecided(`Approved v${draft.version}: the unfinished work was replaced by ${r.tasks_created} new task${r.tasks_created === 1 ? "" : "s"}`
      + `${r.forced ? ", past a budget cap" : ""}.`);
  const rejected = () => onDecided(`Rejected v${draft.version}; the run goes on with its plan as it was.`);

  return (
    <section className="card" aria-labelledby="replan-review-title">
      <div className="section-head">
        <h2 id="replan-review-title">Re-plan draft v{draft.version}</h2>
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => approve.mutate(false, { onSuccess: approved })}>
            {approve.isPending ? "Approving…" : "Approve re-plan"}
          </button>
          {overBudget && (
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => approve.mutate(true, { onSuccess: approved })}>
              Approve anyway
            </button>
          )}
          <button type="button" className="btn" disabled={busy} onClick={() => { approve.reset(); reject.mutate(undefined, { onSuccess: rejected }); }}>
            {reject.isPending ? "Rejecting…" : "Reject re-plan"}
          </button>
        </div>
      </div>
      <ErrorAlert error={approve.error} prefix="Could not approve" />
      <ErrorAlert error={reject.error} prefix="Could not reject" />
      <p>{draft.plan.summary}</p>
      <dl className="facts">
        <div>
          <dt>Forecast of the remaining work</dt>
          <dd data-testid="replan-forecast">{usdRange(draft.forecast.total_usd_low, draft.forecast.total_usd_high)}</dd>
        </div>
        {kept && (
          <div>
            <dt>Kept as they are</dt>
            <dd data-testid="replan-kept">{kept.length} task{kept.length === 1 ? "" : "s"} (completed, running or waiting for review)</dd>
          </div>
        )}
        <div><dt>Tasks in the draft</dt><dd>{planTasks(draft.plan).length}</dd></div>
      </dl>
      {"diff" in draft && draft.diff ? <PlanDiffBody diff={draft.diff} /> : <PlanDiffView projectId={projectId} a={draft.replan_of} b={draft.id} />}
    </section>
  );
}
