import type { DailyUsage } from "../../api";
import { usd } from "../../components/format";
import { UsageTable } from "./UsageTable";

const W = 640;
const H = 160;
const PAD = 24;

/** Daily spend as plain SVG bars (no chart library, nothing inline but styles: the CSP allows that), plus the table. */
export function DailyChart({ days }: { days: DailyUsage[] }) {
  if (days.length === 0) return <p className="muted">No usage recorded yet.</p>;
  const max = Math.max(...days.map((d) => d.cost_usd), 0);
  const slot = (W - PAD * 2) / days.length;
  const total = days.reduce((s, d) => s + d.cost_usd, 0);
  return (
    <>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img"
        aria-label={`Daily spend over ${days.length} days, ${usd(total)} in total, at most ${usd(max)} a day`}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="axis" />
        {days.map((d, i) => {
          const h = max > 0 ? ((H - PAD * 2) * d.cost_usd) / max : 0;
          return (
            <rect key={d.date} className="chart-bar" x={PAD + i * slot + slot * 0.15} y={H - PAD - h} width={slot * 0.7} height={h}>
              <title>{`${d.date}: ${usd(d.cost_usd)}, ${d.api_calls} calls`}</title>
            </rect>
          );
        })}
        <text x={PAD} y={H - 6} className="chart-label">{days[0]?.date}</text>
        <text x={W - PAD} y={H - 6} className="chart-label" textAnchor="end">{days[days.length - 1]?.date}</text>
        <text x={PAD} y={PAD - 8} className="chart-label">{usd(max)}</text>
      </svg>
      <details>
        <summary>Daily figures</summary>
        <UsageTable first="Date" rows={days.map((d) => ({ ...d, key: d.date, label: d.date }))} />
      </details>
    </>
  );
}
