import { useState, type FormEvent } from "react";
import { useApi, type ReplanResult } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useProjectMutation } from "./useProjectMutation";

const MAX_CHARS = 20_000;

interface Props {
  projectId: string;
  onDrafted: (draft: ReplanResult) => void;
  onCancel: () => void;
}

/** Asks the planner for a new plan of the remaining work of a running project, with changed requirements and guidance. */
export function ReplanForm({ projectId, onDrafted, onCancel }: Props) {
  const api = useApi();
  const [changes, setChanges] = useState("");
  const [instructions, setInstructions] = useState("");
  const replan = useProjectMutation(projectId, () =>
    api.projects.replan(projectId, { changes: changes.trim() || undefined, instructions: instructions.trim() || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    replan.mutate(undefined, { onSuccess: onDrafted });
  };

  return (
    <form className="form card" onSubmit={submit} aria-label="Re-plan">
      <h2>Re-plan the remaining work</h2>
      <p className="muted">
        Completed tasks are kept with their outputs; running tasks finish and are kept. Only unfinished work is planned again,
        and nothing changes until you approve the draft.
      </p>
      <label>
        New or changed requirements <span className="muted">(optional)</span>
        <textarea rows={4} maxLength={MAX_CHARS} value={changes} onChange={(e) => setChanges(e.target.value)} />
      </label>
      <label>
        Guidance for the planner <span className="muted">(optional)</span>
        <textarea rows={3} maxLength={MAX_CHARS} value={instructions} onChange={(e) => setInstructions(e.target.value)} />
      </label>
      <ErrorAlert error={replan.error} prefix="Could not re-plan" />
      {replan.isPending && (
        <p role="status" className="muted">The planning model is writing the new plan; running tasks go on meanwhile.</p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={replan.isPending}>
          {replan.isPending ? "Re-planning…" : "Write new plan"}
        </button>
        <button type="button" className="btn btn-ghost" disabled={replan.isPending} onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
