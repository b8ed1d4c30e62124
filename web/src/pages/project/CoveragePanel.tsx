import { useQuery } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type Coverage, type RequirementCoverage } from "../../api";
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
                  {coverageState(r)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Covered by the plan but without tasks yet (before approval) reads "planned". */
function coverageState(r: RequirementCoverage): string {
  if (!r.covered) return "not covered";
  if (r.completed) return "done";
  const n = r.task_ids.length;
  return n === 0 ? "planned" : `${n} ${n === 1 ? "task" : "tasks"}`;
}
