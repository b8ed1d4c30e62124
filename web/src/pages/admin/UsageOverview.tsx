import { useQuery } from "@tanstack/react-query";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { count, label, pct, usd } from "../../components/format";
import { SimulatedTag } from "../../components/SimulatedTag";

/** Everyone's model usage over 30 days by purpose and model; rows answered by the simulated provider say so. */
export function UsageOverview() {
  const api = useApi();
  const overview = useQuery({ queryKey: [...keys.admin, "usage-overview", 30], queryFn: () => api.admin.usageOverview(30) });
  const o = overview.data;
  return (
    <section aria-labelledby="overview-title" className="card">
      <h2 id="overview-title">Model usage (30 days)</h2>
      <ErrorAlert error={overview.error} />
      {o && (
        <>
          <p>
            {usd(o.summary.total_cost_usd)} over {count(o.summary.total_api_calls)} calls ({count(o.summary.total_tokens)} tokens),{" "}
            {count(o.summary.active_projects)} active projects
          </p>
          <div className="grid-2">
            <table className="table">
              <caption>By model</caption>
              <thead>
                <tr><th scope="col">Model</th><th scope="col">Provider</th><th scope="col" className="num">Calls</th><th scope="col" className="num">Cost</th><th scope="col" className="num">Share</th></tr>
              </thead>
              <tbody>
                {o.by_model.map((m) => (
                  <tr key={`${m.provider}/${m.model}`}>
                    <th scope="row">{m.model}</th>
                    <td>{m.provider} {m.provider === "simulated" && <SimulatedTag />}</td>
                    <td className="num">{count(m.api_calls)}</td>
                    <td className="num">{usd(m.cost_usd)}</td>
                    <td className="num">{pct(m.pct_of_total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="table">
              <caption>By purpose</caption>
              <thead>
                <tr><th scope="col">Purpose</th><th scope="col" className="num">Calls</th><th scope="col" className="num">Cost</th><th scope="col" className="num">Share</th></tr>
              </thead>
              <tbody>
                {o.by_purpose.map((p) => (
                  <tr key={p.purpose}>
                    <th scope="row">{label(p.purpose)}</th>
                    <td className="num">{count(p.api_calls)}</td>
                    <td className="num">{usd(p.cost_usd)}</td>
                    <td className="num">{pct(p.pct_of_total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
