import type { UsageSummary } from "../../api";
import { count, usd } from "../../components/format";
import { SimulatedTag } from "../../components/SimulatedTag";

/** Spend by provider and by model; usage answered by the simulated provider is labelled as such. */
export function ProviderTable({ summary }: { summary: UsageSummary }) {
  const providers = Object.entries(summary.by_provider).sort(([, a], [, b]) => b.cost_usd - a.cost_usd);
  const models = Object.entries(summary.by_model).sort(([, a], [, b]) => b.cost_usd - a.cost_usd);
  const onlySimulated = providers.length > 0 && providers.every(([name]) => name === "simulated");
  return (
    <div className="grid-2">
      <table className="table">
        <caption>By provider</caption>
        <thead>
          <tr><th scope="col">Provider</th><th scope="col" className="num">Calls</th><th scope="col" className="num">Cost</th></tr>
        </thead>
        <tbody>
          {providers.length === 0 && <tr><td colSpan={3} className="muted">No calls yet.</td></tr>}
          {providers.map(([name, p]) => (
            <tr key={name}>
              <th scope="row">{name} {name === "simulated" && <SimulatedTag />}</th>
              <td className="num">{count(p.calls)}</td>
              <td className="num">{usd(p.cost_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table">
        <caption>By model</caption>
        <thead>
          <tr>
            <th scope="col">Model</th><th scope="col" className="num">Calls</th>
            <th scope="col" className="num">Tokens in/out</th><th scope="col" className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {models.length === 0 && <tr><td colSpan={4} className="muted">No calls yet.</td></tr>}
          {models.map(([name, m]) => (
            <tr key={name}>
              <th scope="row">{name} {onlySimulated && <SimulatedTag />}</th>
              <td className="num">{count(m.calls)}</td>
              <td className="num">{count(m.prompt_tokens)} / {count(m.completion_tokens)}</td>
              <td className="num">{usd(m.cost_usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
