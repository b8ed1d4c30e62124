import { useQuery } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type CostReport, type ScenarioCost } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { count, label, pct, usd } from "../../components/format";

/** The latest run's spend beside what the same calls would have cost on Sonnet only and on Haiku only. */
export function CostReportPanel({ projectId }: { projectId: string }) {
  const api = useApi();
  const report = useQuery({
    queryKey: keys.costReport(projectId),
    queryFn: () => orEmptyWhenMissing<CostReport | null>(api.usage.costReport(projectId), null),
  });
  const r = report.data;
  const sonnet = r?.scenarios.find((s) => s.name === "all_sonnet");
  return (
    <section aria-labelledby="cost-report-title" className="card">
      <h2 id="cost-report-title">Spend and alternatives</h2>
      <ErrorAlert error={report.error} />
      {r === null && <p className="muted">The cost report appears once the project has run.</p>}
      {r && (
        <>
          <p>
            Run {r.run}: <strong>{usd(r.actual_usd)}</strong> over {count(r.calls)} calls · cache reads{" "}
            {pct(100 * r.cache.cache_read_share)} of {count(r.cache.prompt_tokens)} prompt tokens
          </p>
          <table className="table">
            <caption className="sr-only">What the run would have cost routed otherwise</caption>
            <thead>
              <tr><th scope="col">Alternative</th><th scope="col">Would cost</th><th scope="col">Saved by routing</th></tr>
            </thead>
            <tbody>
              {r.scenarios.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{label(s.name)}</th>
                  <td>{usd(s.total_usd)}</td>
                  <td>{saving(s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {sonnet && sonnet.drivers.length > 0 && (
            <>
              <h3>Tasks that drive the difference against all Sonnet</h3>
              <ul aria-label="Tasks that drive the difference">
                {sonnet.drivers.map((d) => (
                  <li key={d.task_id}>
                    {d.title}: {usd(d.actual_usd)} on {d.tier}, {usd(d.scenario_usd)} on {d.scenario_tier}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted">{r.note}</p>
        </>
      )}
    </section>
  );
}

/** "$1.5000 (66.7%)"; a negative saving reads as what the alternative would have saved. */
function saving(s: ScenarioCost): string {
  const share = s.saving_pct === null ? "" : ` (${pct(Math.abs(s.saving_pct))})`;
  return s.saving_usd < 0 ? `−${usd(-s.saving_usd)}${share} more than the alternative` : `${usd(s.saving_usd)}${share}`;
}
