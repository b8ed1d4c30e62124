import { useState, type FormEvent } from "react";
import { RIGORS, useApi, type PlanningRigor, type Project, type UpdateProjectRequest } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { executionModeOf, type ExecutionMode } from "./executionMode";
import { useProjectMutation } from "./useProjectMutation";

/** The requirements as paragraphs ([R1], [R2], … once planned); editable with the name and rigor while a draft. */
export function RequirementsCard({ project }: { project: Project }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(project.name);
  const [requirements, setRequirements] = useState(project.requirements);
  const [rigor, setRigor] = useState<PlanningRigor>(project.planning_rigor);
  const [mode, setMode] = useState<ExecutionMode>(executionModeOf(project));
  const save = useProjectMutation(project.id, () => {
    const change: UpdateProjectRequest = { name, requirements, planning_rigor: rigor };
    if (mode !== executionModeOf(project)) {
      change.config = { ...project.config, execution_mode: mode };
    }
    return api.projects.update(project.id, change);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined, { onSuccess: () => setEditing(false) });
  };
  const startEditing = () => {
    setName(project.name);
    setRequirements(project.requirements);
    setRigor(project.planning_rigor);
    setMode(executionModeOf(project));
    save.reset();
    setEditing(true);
  };

  return (
    <section aria-labelledby="req-title" className="card">
      <div className="section-head">
        <h2 id="req-title">Requirements</h2>
        {project.status === "draft" && !editing && (
          <button type="button" className="btn btn-small" onClick={startEditing}>
            Edit requirements
          </button>
        )}
      </div>
      {editing ? (
        <form className="form" onSubmit={submit} noValidate aria-label="Edit requirements">
          <ErrorAlert error={save.error} prefix="The server refused the change" />
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Requirements
            <textarea rows={8} value={requirements} onChange={(e) => setRequirements(e.target.value)} />
          </label>
          <label>
            Planning rigor
            <select value={rigor} onChange={(e) => setRigor(e.target.value as PlanningRigor)}>
              {RIGORS.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <label>
            Who runs the tasks
            <select value={mode} onChange={(e) => setMode(e.target.value as ExecutionMode)}>
              <option value="auto">auto: the executor</option>
              <option value="hybrid">hybrid: the executor, external workers may claim tasks</option>
              <option value="external">external: external workers only</option>
            </select>
          </label>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setEditing(false)}>
              Discard
            </button>
          </div>
        </form>
      ) : (
        <div className="requirements">
          {project.requirements.split(/\n\s*\n/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      )}
    </section>
  );
}
