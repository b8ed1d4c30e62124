import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { keys, useApi, type Project } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TransferButtons, TransferMessages, useTransferActions } from "./TransferActions";
import { useProjectMutation } from "./useProjectMutation";

interface Props {
  project: Project;
  hasPlan: boolean;
  /** Called when a run starts, so the live timeline reopens its stream. */
  onRunStarted: () => void;
  /** Opens the re-plan form (offered while the project runs, is paused or failed, and no re-plan is pending). */
  onReplan: () => void;
}

/** Plan / Execute / Resume / Pause / Re-plan / Cancel, offered only in the states where the server allows them. */
export function ProjectActions({ project, hasPlan, onRunStarted, onReplan }: Props) {
  const api = useApi();
  const id = project.id;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<"cancel" | "delete" | null>(null);
  const plan = useProjectMutation(id, () => api.projects.plan(id));
  const execute = useProjectMutation(id, () => api.projects.execute(id));
  const pause = useProjectMutation(id, () => api.projects.pause(id));
  const cancel = useProjectMutation(id, () => api.projects.cancel(id));
  const remove = useMutation({
    mutationFn: () => api.projects.remove(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.project(id) });
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      void navigate("/");
    },
  });
  const busy = plan.isPending || execute.isPending || pause.isPending || cancel.isPending || remove.isPending;
  const s = project.status;
  const error = plan.error ?? execute.error ?? pause.error ?? cancel.error ?? remove.error;
  const reset = () => [plan, execute, pause, cancel, remove].forEach((m) => m.reset());
  const running = s === "executing" || s === "planning";
  const transfer = useTransferActions(project);

  return (
    <div className="actions-block">
      <div className="actions">
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
          {hasPlan && !project.replanning && (s === "executing" || s === "paused" || s === "failed") && (
            <button type="button" className="btn" disabled={busy} onClick={() => { reset(); onReplan(); }}>
              Re-plan
            </button>
          )}
          {confirm === null && (s === "ready" || s === "executing" || s === "paused" || s === "failed") && (
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => setConfirm("cancel")}>
              Cancel project
            </button>
          )}
          {confirm === null && !running && (
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => setConfirm("delete")}>
              Delete project
            </button>
          )}
          {confirm !== null && (
            <>
              <button type="button" className="btn btn-danger" disabled={busy}
                onClick={() => { reset(); setConfirm(null); (confirm === "cancel" ? cancel : remove).mutate(); }}>
                {confirm === "cancel" ? "Confirm cancel" : "Confirm delete"}
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setConfirm(null)}>
                Keep the project
              </button>
            </>
          )}
        </div>
        <TransferButtons transfer={transfer} disabled={busy} />
      </div>
      {confirm === "delete" && (
        <p role="status" className="muted">Deleting removes its plans, tasks, events and knowledge; spend history stays.</p>
      )}
      {plan.isPending && (
        <p role="status" className="muted">
          The planning model is writing the plan; this takes as long as the model takes.
        </p>
      )}
      <ErrorAlert error={error} />
      <TransferMessages transfer={transfer} />
    </div>
  );
}
