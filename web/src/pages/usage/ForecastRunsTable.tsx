import { Link } from "react-router-dom";
import type { ForecastAccuracy } from "../../api";
import { pct, usd, usdRange } from "../../components/format";

const OUTCOME = { below: "below the forecast", inside: "inside the forecast", above: "above the forecast" } as const;

/** Finished runs against their plans' forecast ranges: the share inside, then the most recent runs one by one. */
export function ForecastRunsTable({ accuracy }: { accuracy: ForecastAccuracy }) {
  if (accuracy.runs === 0) return <p className="muted">No finished run yet.</p>;
  return (
    <>
      <p>
        {accuracy.inside} of {accuracy.runs} finished runs ({pct((accuracy.inside_share ?? 0) * 100)}) spent inside their forecast;{" "}
        {accuracy.below} below, {accuracy.above} above.
      </p>
      <table className="table">
        <caption className="sr-only">The most recent finished runs: each project's forecast range and actual spend</caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Forecast</th>
            <th scope="col">Actual</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {accuracy.recent_runs.map((r) => (
            <tr key={r.plan_id}>
              <th scope="row"><Link to={`/projects/${r.project_id}`}>{r.project_name}</Link></th>
              <td>{usdRange(r.forecast_low_usd, r.forecast_high_usd)}</td>
              <td>{usd(r.actual_usd)}</td>
              <td className={r.outcome === "inside" ? "" : "text-warn"}>{OUTCOME[r.outcome]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
