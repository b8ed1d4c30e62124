import { useId, useState } from "react";
import type { PlanVersion } from "../../api";
import { dateTime, usd, usdRange } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";
import { PlanDiffView } from "./PlanDiffView";

interface Props {
  projectId: string;
  /** Newest first, as GET /plans answers. */
  plans: PlanVersion[];
}

/** Every plan version with its status (re-plan drafts and rejected versions marked), age, forecast and spend, and a diff between two chosen versions. */
export function PlanVersions({ projectId, plans }: Props) {
  const [from, setFrom] = useState(String(plans[1]?.version ?? plans[0]?.version ?? 1));
  const [to, setTo] = useState(String(plans[0]?.version ?? 1));
  const [compared, setCompared] = useState<{ a: string; b: string } | null>(null);
  const fromId = useId();
  const toId = useId();

  return (
    <section aria-labelledby="plan-versions-title" className="card">
      <h2 id="plan-versions-title">Plan versions</h2>
      <table className="table" aria-label="Plan versions">
        <thead>
          <tr><th>Version</th><th>Status</th><th>Created</th><th>Forecast</th><th>Spent</th></tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id} className={p.status === "rejected" ? "version-rejected" : undefined}>
              <td>v{p.version}</td>
              <td>
                <StatusBadge status={p.status} />
                {p.approval_forced && <span className="badge badge-warn" title="Approved past a budget cap">forced</span>}
                {p.replan_of && <span className="badge badge-info" title="Made while the project ran; only its unfinished work replaces the running plan's">
                  {replanLabel(plans, p.replan_of)}
                </span>}
              </td>
              <td>{dateTime(p.created_at)}</td>
              <td>
                {usdRange(p.forecast.total_usd_low, p.forecast.total_usd_high)}
                {p.forecast_expected_usd !== undefined && <span className="muted"> (expected {usd(p.forecast_expected_usd)})</span>}
              </td>
              <td>{p.spent_usd === null || p.spent_usd === undefined ? "—" : usd(p.spent_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plans.length > 1 && (
        <form className="inline-form" aria-label="Compare plan versions"
          onSubmit={(e) => { e.preventDefault(); setCompared({ a: from, b: to }); }}>
          <label htmlFor={fromId}>From</label>
          <select id={fromId} value={from} onChange={(e) => setFrom(e.target.value)}>
            {plans.map((p) => <option key={p.id} value={p.version}>v{p.version}</option>)}
          </select>
          <label htmlFor={toId}>To</label>
          <select id={toId} value={to} onChange={(e) => setTo(e.target.value)}>
            {plans.map((p) => <option key={p.id} value={p.version}>v{p.version}</option>)}
          </select>
          <button type="submit" className="btn">Compare</button>
        </form>
      )}
      {compared && <PlanDiffView projectId={projectId} a={compared.a} b={compared.b} />}
    </section>
  );
}

function replanLabel(plans: readonly PlanVersion[], replanOf: string): string {
  const of = plans.find((p) => p.id === replanOf);
  return of ? `re-plan of v${of.version}` : "re-plan";
}
