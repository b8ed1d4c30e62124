import { useState, type FormEvent } from "react";
import { MODEL_TIERS, useApi, type ModelTier, type TaskDetail, type UpdateTaskRequest } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useTaskMutation } from "./useTaskMutation";

/** PATCH /api/tasks/{id}: only what changed is sent; the server validates (ranges, state) and its errors are shown. */
export function TaskEditForm({ task }: { task: TaskDetail }) {
  const api = useApi();
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description);
  const [tier, setTier] = useState<ModelTier>(task.model_tier);
  const [priority, setPriority] = useState(String(task.priority));
  const [maxTokens, setMaxTokens] = useState("");
  const [saved, setSaved] = useState(false);
  const save = useTaskMutation(task, (r: UpdateTaskRequest) => api.tasks.update(task.id, r));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r: UpdateTaskRequest = {};
    if (title !== task.title) r.title = title;
    if (description !== task.description) r.description = description;
    if (tier !== task.model_tier) r.model_tier = tier;
    if (priority !== String(task.priority)) r.priority = Number(priority);
    if (maxTokens.trim()) r.max_tokens = Number(maxTokens);
    setSaved(false);
    save.mutate(r, { onSuccess: () => setSaved(true) });
  };

  return (
    <section aria-labelledby="edit-title" className="card">
      <h2 id="edit-title">Edit task</h2>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorAlert error={save.error} prefix="The server refused the change" />
        {saved && <p role="status" className="alert alert-ok">Saved.</p>}
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Description
          <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <div className="row">
          <label>
            Model tier
            <select value={tier} onChange={(e) => setTier(e.target.value as ModelTier)}>
              {MODEL_TIERS.map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </label>
          <label>
            Priority (0–1000)
            <input type="number" value={priority} onChange={(e) => setPriority(e.target.value)} />
          </label>
          <label>
            Max tokens (1–16,384)
            <input type="number" value={maxTokens} placeholder="default" onChange={(e) => setMaxTokens(e.target.value)} />
          </label>
        </div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </button>
      </form>
    </section>
  );
}
