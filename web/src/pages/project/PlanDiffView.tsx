import { useQuery } from "@tanstack/react-query";
import { keys, useApi, type DiffValue, type ForecastSummary, type PlanDiff } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { count, usd, usdRange } from "../../components/format";

interface Props {
  projectId: string;
  /** Version numbers (or plan ids) to compare from and to. */
  a: string;
  b: string;
}

/** What changed from one plan version to another: added tasks in green, removed in red, changed fields old → new,
 * then coverage and forecast before and after. */
export function PlanDiffView({ projectId, a, b }: Props) {
  const api = useApi();
  const diff = useQuery({ queryKey: keys.planDiff(projectId, a, b), queryFn: () => api.projects.planDiff(projectId, a, b) });
  if (diff.error) return <ErrorAlert error={diff.error} prefix="Could not compare" />;
  if (!diff.data) return <p className="muted" role="status">Comparing…</p>;
  return <PlanDiffBody diff={diff.data} />;
}

/** A diff already at hand (a re-plan answer carries its own). */
export function PlanDiffBody({ diff }: { diff: PlanDiff }) {
  const { tasks, coverage, forecast } = diff;
  return (
    <div className="plan-diff" role="region" aria-label={`Changes from v${diff.from.version} to v${diff.to.version}`}>
      <h3>
        v{diff.from.version} → v{diff.to.version}
      </h3>
      {diff.identical && <p className="muted">No task changes.</p>}
      {diff.summary && (
        <p>
          Summary: <Change before={diff.summary.before} after={diff.summary.after} />
        </p>
      )}
      <ul className="diff-list" aria-label="Task changes">
        {tasks.added.map((t) => (
          <li key={`a${t.index}`} className="diff-added">
            <span aria-hidden="true">+ </span><span className="sr-only">Added: </span>#{t.index + 1} {t.title}
            <span className="muted"> ({t.task_type}, {t.complexity}{t.depends_on.length > 0 && `; needs ${t.depends_on.join(", ")}`})</span>
          </li>
        ))}
        {tasks.removed.map((t) => (
          <li key={`r${t.index}`} className="diff-removed">
            <span aria-hidden="true">− </span><span className="sr-only">Removed: </span>#{t.index + 1} {t.title}
          </li>
        ))}
        {tasks.changed.map((c) => (
          <li key={`c${c.after_index}`} className="diff-changed">
            <span aria-hidden="true">~ </span><span className="sr-only">Changed: </span>#{c.after_index + 1} {c.title}
            {c.matched_by === "description" && <span className="muted"> (renamed)</span>}
            <ul>
              {c.changes.map((f) => (
                <li key={f.field}>
                  <code>{f.field}</code>: <Change before={f.before} after={f.after} />
                </li>
              ))}
              {c.dependencies_added.map((d) => <li key={`+${d}`} className="diff-added">+ depends on {d}</li>)}
              {c.dependencies_removed.map((d) => <li key={`-${d}`} className="diff-removed">− depends on {d}</li>)}
            </ul>
          </li>
        ))}
      </ul>
      <p className="muted">{tasks.unchanged_count} unchanged task{tasks.unchanged_count === 1 ? "" : "s"}.</p>
      <dl className="facts">
        <div>
          <dt>Coverage</dt>
          <dd data-testid="diff-coverage">
            {coverage.before.covered_count}/{coverage.before.total_requirements} → {coverage.after.covered_count}/{coverage.after.total_requirements}
            {coverage.newly_covered.length > 0 && <span className="diff-added"> +{coverage.newly_covered.join(", ")}</span>}
            {coverage.newly_uncovered.length > 0 && <span className="diff-removed"> −{coverage.newly_uncovered.join(", ")}</span>}
          </dd>
        </div>
        <div>
          <dt>Forecast</dt>
          <dd data-testid="diff-forecast">{forecastText(forecast.before)} → {forecastText(forecast.after)}</dd>
        </div>
        <div>
          <dt>Tokens (high)</dt>
          <dd>{count(forecast.before.prompt_tokens_high + forecast.before.completion_tokens_high)} → {count(forecast.after.prompt_tokens_high + forecast.after.completion_tokens_high)}</dd>
        </div>
      </dl>
    </div>
  );
}

function forecastText(f: ForecastSummary): string {
  return `${usdRange(f.total_usd_low, f.total_usd_high)} (expected ${usd(f.total_usd_expected)})`;
}

function Change({ before, after }: { before: DiffValue; after: DiffValue }) {
  return (
    <>
      <del className="diff-removed">{show(before)}</del> → <ins className="diff-added">{show(after)}</ins>
    </>
  );
}

function show(v: DiffValue): string {
  if (v === null) return "(none)";
  if (Array.isArray(v)) return v.length ? v.join(", ") : "(none)";
  return String(v);
}
