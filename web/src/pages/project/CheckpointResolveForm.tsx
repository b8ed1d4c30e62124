import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { keys, useApi, type Checkpoint, type CheckpointAction } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";

const ACTIONS: { value: CheckpointAction; text: string; help: string }[] = [
  { value: "retry", text: "Retry", help: "run the task again, with your guidance in its prompt" },
  { value: "skip", text: "Skip", help: "unblock its dependants without its output" },
  { value: "fail", text: "Fail", help: "fail the task (and so the project)" },
];

/** Resolves one checkpoint; an optional gotcha is stored as a project finding that later tasks are told about. */
export function CheckpointResolveForm({ projectId, checkpoint }: { projectId: string; checkpoint: Checkpoint }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<CheckpointAction>("retry");
  const [guidance, setGuidance] = useState("");
  const [gotcha, setGotcha] = useState("");
  const resolve = useMutation({
    mutationFn: () => api.checkpoints.resolve(checkpoint.id, {
      action, guidance: guidance.trim() || undefined, gotcha: gotcha.trim() || undefined,
    }),
    onSuccess: () => {
      for (const queryKey of [keys.checkpoints(projectId), keys.tasks(projectId), keys.project(projectId), keys.knowledge(projectId)]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate();
  };
  const id = `resolve-${checkpoint.id}`;

  return (
    <form className="form resolve" onSubmit={submit} aria-label="Resolve checkpoint">
      <fieldset>
        <legend>Decision</legend>
        {ACTIONS.map((a) => (
          <label key={a.value} className="radio">
            <input type="radio" name={`${id}-action`} value={a.value} checked={action === a.value} onChange={() => setAction(a.value)} />
            <strong>{a.text}</strong> <span className="muted">{a.help}</span>
          </label>
        ))}
      </fieldset>
      <label>
        Guidance <span className="muted">(optional)</span>
        <textarea rows={3} maxLength={10_000} value={guidance} onChange={(e) => setGuidance(e.target.value)} />
      </label>
      <label>
        Gotcha for later tasks <span className="muted">(optional, saved as a finding)</span>
        <input maxLength={2_000} value={gotcha} onChange={(e) => setGotcha(e.target.value)} />
      </label>
      <ErrorAlert error={resolve.error} prefix="Could not resolve" />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={resolve.isPending}>
          {resolve.isPending ? "Resolving…" : `Resolve: ${action}`}
        </button>
      </div>
    </form>
  );
}
