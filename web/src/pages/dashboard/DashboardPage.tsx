import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { LoadMore } from "../../components/LoadMore";
import { usePagedList } from "../../hooks/usePagedList";
import { CreateProjectForm } from "./CreateProjectForm";
import { ImportProjectCard } from "./ImportProjectCard";
import { ProjectList } from "./ProjectList";

export function DashboardPage() {
  const api = useApi();
  // Newest first, 50 at a time.
  const projects = usePagedList([...keys.projects, "pages"], (offset, limit) => api.projects.page({ offset, limit }), 50);

  return (
    <div className="page">
      <h1>Projects</h1>
      <div className="grid-2">
        <section aria-labelledby="projects-title" className="card">
          <h2 id="projects-title">Your projects</h2>
          {projects.query.isPending && <Loading what="projects" />}
          <ErrorAlert error={projects.query.error} />
          {projects.items && <ProjectList projects={projects.items} />}
          <LoadMore list={projects} noun="projects" />
        </section>
        <div>
          <CreateProjectForm />
          <ImportProjectCard />
        </div>
      </div>
    </div>
  );
}
