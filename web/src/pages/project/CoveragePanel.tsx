import { useQuery } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type Coverage } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";

/** Which numbered requirements [R1]… the tasks cover, and which are done. */
export function CoveragePanel({ projectId }: { projectId: string }) {
  const api = useApi();
  const coverage = useQuery({
    queryKey: keys.coverage(projectId),
    queryFn: () => orEmptyWhenMissing<Coverage | null>(api.projects.coverage(projectId), null),
  });
  const c = coverage.data;
  return (
    <section aria-labelledby="coverage-title" className="card">
      <h2 id="coverage-title">Requirement coverage</h2>
      <ErrorAlert error={coverage.error} />
      {c === null && <p className="muted">Coverage appears once the project has a plan.</p>}
      {c && (
        <>
          <p>
            {c.covered_count} of {c.total_requirements} requirements covered
            {c.uncovered_count > 0 && <strong className="text-warn"> · {c.uncovered_count} not covered</strong>}
          </p>
          <ul className="coverage">
            {c.requirements.map((r) => (
              <li key={r.id} className={r.covered ? "covered" : "uncovered"}>
                <span className="req-id">[{r.id}]</span>
                <span className="req-text">{r.text}</span>
                <span className="req-state">
                  {!r.covered ? "not covered" : r.completed ? "done" : `${r.task_ids.length} ${r.task_ids.length === 1 ? "task" : "tasks"}`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
