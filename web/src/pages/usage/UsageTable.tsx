import type { ReactNode } from "react";
import { count, usd } from "../../components/format";

export interface UsageRow {
  key: string;
  /** The row header: a date, a project link. */
  label: ReactNode;
  cost_usd: number;
  api_calls: number;
  prompt_tokens: number;
  completion_tokens: number;
}

/** Cost, calls and tokens per row: the shape shared by the daily and by-project usage lists. */
export function UsageTable({ first, rows }: { first: string; rows: UsageRow[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col" className="num">Cost</th>
          <th scope="col" className="num">Calls</th>
          <th scope="col" className="num">Prompt tokens</th>
          <th scope="col" className="num">Completion tokens</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{usd(r.cost_usd)}</td>
            <td className="num">{count(r.api_calls)}</td>
            <td className="num">{count(r.prompt_tokens)}</td>
            <td className="num">{count(r.completion_tokens)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
