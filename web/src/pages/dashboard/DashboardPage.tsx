import { useQuery } from "@tanstack/react-query";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { CreateProjectForm } from "./CreateProjectForm";
import { ImportProjectCard } from "./ImportProjectCard";
import { ProjectList } from "./ProjectList";

export function DashboardPage() {
  const api = useApi();
  const projects = useQuery({ queryKey: keys.projects, queryFn: () => api.projects.list({ limit: 500 }) });

  return (
    <div className="page">
      <h1>Projects</h1>
      <div className="grid-2">
        <section aria-labelledby="projects-title" className="card">
          <h2 id="projects-title">Your projects</h2>
          {projects.isPending && <Loading what="projects" />}
          <ErrorAlert error={projects.error} />
          {projects.data && <ProjectList projects={projects.data} />}
        </section>
        <div>
          <CreateProjectForm />
          <ImportProjectCard />
        </div>
      </div>
    </div>
  );
}
