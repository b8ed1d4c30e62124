import { useState } from "react";
import { useApi, type Project } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useProjectMutation } from "./useProjectMutation";

interface Props {
  project: Project;
  hasPlan: boolean;
  /** Called when a run starts, so the live timeline reopens its stream. */
  onRunStarted: () => void;
}

/** Plan / Execute / Resume / Pause / Cancel, offered only in the states where the server allows them. */
export function ProjectActions({ project, hasPlan, onRunStarted }: Props) {
  const api = useApi();
  const id = project.id;
  const [confirmCancel, setConfirmCancel] = useState(false);
  const plan = useProjectMutation(id, () => api.projects.plan(id));
  const execute = useProjectMutation(id, () => api.projects.execute(id));
  const pause = useProjectMutation(id, () => api.projects.pause(id));
  const cancel = useProjectMutation(id, () => api.projects.cancel(id));
  const busy = plan.isPending || execute.isPending || pause.isPending || cancel.isPending;
  const s = project.status;
  const error = plan.error ?? execute.error ?? pause.error ?? cancel.error;
  const reset = () => [plan, execute, pause, cancel].forEach((m) => m.reset());

  return (
    <div className="actions-block">
      <div className="actions" role="group" aria-label="Project actions">
        {(s === "draft" || s === "ready") && (
          <button type="button" className={`btn ${hasPlan ? "" : "btn-primary"}`} disabled={busy}
            onClick={() => { reset(); plan.mutate(); }}>
            {plan.isPending ? "Planning…" : hasPlan ? "Re-plan" : "Plan"}
          </button>
        )}
        {(s === "ready" || s === "paused" || s === "failed") && (
          <button type="button" className="btn btn-primary" disabled={busy}
            onClick={() => { reset(); execute.mutate(undefined, { onSuccess: onRunStarted }); }}>
            {s === "paused" ? "Resume" : "Execute"}
          </button>
        )}
        {s === "executing" && (
          <button type="button" className="btn" disabled={busy} onClick={() => { reset(); pause.mutate(); }}>
            Pause
          </button>
        )}
        {(s === "ready" || s === "executing" || s === "paused" || s === "failed") &&
          (confirmCancel ? (
            <>
              <button type="button" className="btn btn-danger" disabled={busy}
                onClick={() => { reset(); setConfirmCancel(false); cancel.mutate(); }}>
                Confirm cancel
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setConfirmCancel(false)}>
                Keep running
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => setConfirmCancel(true)}>
              Cancel project
            </button>
          ))}
      </div>
      {plan.isPending && (
        <p role="status" className="muted">
          The planning model is writing the plan; this takes as long as the model takes.
        </p>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
