import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { keys, RIGORS, useApi, type PlanningRigor, type Project } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";

const RIGOR_HELP: Record<PlanningRigor, string> = {
  L1: "Quick: a flat task list, for small fixes",
  L2: "Standard: phases and open questions",
  L3: "Thorough: adds risks and a test strategy",
};

export function CreateProjectForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [requirements, setRequirements] = useState("");
  const [rigor, setRigor] = useState<PlanningRigor>("L2");
  const [created, setCreated] = useState<Project | null>(null);

  const create = useMutation({
    mutationFn: () => api.projects.create({ name, requirements, planning_rigor: rigor }),
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      setName("");
      setRequirements("");
      setCreated(project);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };

  return (
    <section aria-labelledby="new-project-title" className="card">
      <h2 id="new-project-title">New project</h2>
      <form onSubmit={submit} className="form">
        <ErrorAlert error={create.error} prefix="Could not create the project" />
        {created && (
          <p role="status" className="alert alert-ok">
            Created <Link to={`/projects/${created.id}`}>{created.name}</Link>.
          </p>
        )}
        <label>
          Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Requirements
          <textarea
            required
            rows={8}
            maxLength={50_000}
            value={requirements}
            onChange={(e) => setRequirements(e.target.value)}
            aria-describedby="requirements-help"
          />
        </label>
        <p id="requirements-help" className="hint">
          Separate requirements with blank lines; each paragraph becomes [R1], [R2], …
        </p>
        <fieldset>
          <legend>Planning rigor</legend>
          {RIGORS.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="rigor" value={r} checked={rigor === r} onChange={() => setRigor(r)} />
              <strong>{r}</strong> <span className="muted">{RIGOR_HELP[r]}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </form>
    </section>
  );
}
