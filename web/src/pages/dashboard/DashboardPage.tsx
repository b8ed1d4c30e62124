import { useInfiniteQuery } from "@tanstack/react-query";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { CreateProjectForm } from "./CreateProjectForm";
import { ImportProjectCard } from "./ImportProjectCard";
import { ProjectList } from "./ProjectList";

const PAGE_SIZE = 50;

export function DashboardPage() {
  const api = useApi();
  // The server pages the list (newest first); more pages load on request, and the count says how many there are.
  const projects = useInfiniteQuery({
    queryKey: [...keys.projects, "pages"],
    queryFn: ({ pageParam }) => api.projects.page({ offset: pageParam, limit: PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
  });
  const items = projects.data?.pages.flatMap((p) => p.items);
  const total = projects.data?.pages.at(-1)?.total ?? 0;

  return (
    <div className="page">
      <h1>Projects</h1>
      <div className="grid-2">
        <section aria-labelledby="projects-title" className="card">
          <h2 id="projects-title">Your projects</h2>
          {projects.isPending && <Loading what="projects" />}
          <ErrorAlert error={projects.error} />
          {items && <ProjectList projects={items} />}
          {items && items.length > 0 && (
            <div className="actions">
              <p className="muted">Showing {items.length} of {total} projects</p>
              {projects.hasNextPage && (
                <button type="button" className="btn btn-small" disabled={projects.isFetchingNextPage} onClick={() => void projects.fetchNextPage()}>
                  {projects.isFetchingNextPage ? "Loading…" : `Load ${Math.min(PAGE_SIZE, total - items.length)} more`}
                </button>
              )}
            </div>
          )}
        </section>
        <div>
          <CreateProjectForm />
          <ImportProjectCard />
        </div>
      </div>
    </div>
  );
}
