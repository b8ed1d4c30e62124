import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChangeEvent } from "react";
import { useNavigate } from "react-router-dom";
import { keys, useApi, type ProjectExport } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";

/** Imports a file made by Export (on any server) as a new project of yours, then opens it. */
export function ImportProjectCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      let document: ProjectExport;
      try {
        document = JSON.parse(await file.text()) as ProjectExport;
      } catch {
        throw new Error(`${file.name} is not a JSON file. Choose a file made by Export on a project page.`);
      }
      return api.projects.import(document);
    },
    onSuccess: (project) => {
      void queryClient.invalidateQueries({ queryKey: keys.projects });
      void navigate(`/projects/${project.id}`);
    },
  });

  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) imports again.
    e.target.value = "";
    if (file) upload.mutate(file);
  };

  return (
    <section aria-labelledby="import-title" className="card">
      <h2 id="import-title">Import a project</h2>
      <form className="form" onSubmit={(e) => e.preventDefault()}>
        <label>
          Export file
          <input type="file" accept=".json,application/json" onChange={pick} disabled={upload.isPending}
            aria-describedby="import-help" />
        </label>
        <p id="import-help" className="hint">A file made by Export on a project page. It becomes a new project with new ids.</p>
        {upload.isPending && <p role="status" className="muted">Importing {upload.variables?.name}…</p>}
        <ErrorAlert error={upload.error} prefix="Could not import" />
      </form>
    </section>
  );
}
