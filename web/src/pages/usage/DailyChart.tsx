import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyUsage } from "../../api";
import { usd } from "../../components/format";
import { dailyAxisMax, dailyPoints } from "./usageCharts";
import { UsageTable } from "./UsageTable";

const W = 640;
const H = 220;

/**
 * Daily spend against the daily cap: a bar a day, the cap as a dashed line, days over it in the "bad" colour. The
 * caption says in words what the bars show, and the figures are in the table below.
 */
export function DailyChart({ days, cap }: { days: DailyUsage[]; cap?: number | null }) {
  if (days.length === 0) return <p className="muted">No usage recorded yet.</p>;
  const points = dailyPoints(days, cap);
  const total = days.reduce((s, d) => s + d.cost_usd, 0);
  const max = Math.max(...days.map((d) => d.cost_usd), 0);
  const over = points.filter((p) => p.overCap).length;
  const caption = `Daily spend over ${days.length} days, ${usd(total)} in total, at most ${usd(max)} a day`
    + (cap ? `; daily cap ${usd(cap)}, ${over === 0 ? "never exceeded" : `exceeded on ${over} ${over === 1 ? "day" : "days"}`}` : "");
  return (
    <figure className="usage-chart" aria-label={caption}>
      {/* Fixed size with a viewBox: it scales down with the card (CSS) and renders the same in tests. */}
      <BarChart width={W} height={H} data={points} margin={{ top: 12, right: 16, bottom: 4, left: 8 }} title={caption}>
        <CartesianGrid vertical={false} className="chart-grid" />
        <XAxis dataKey="day" tickLine={false} minTickGap={16} />
        <YAxis tickFormatter={(v: number) => usd(v)} domain={[0, dailyAxisMax(points, cap)]} width={64} />
        <Tooltip formatter={(v) => [usd(Number(v)), "Spend"]} labelFormatter={(_, p) => String(p[0]?.payload?.date ?? "")} />
        <Bar dataKey="spend" name="Spend" isAnimationActive={false}>
          {points.map((p) => <Cell key={p.date} className={p.overCap ? "chart-bar-over" : "chart-bar"} />)}
        </Bar>
        {cap ? <ReferenceLine y={cap} className="chart-cap" strokeDasharray="6 4" label={{ value: `cap ${usd(cap)}`, position: "insideTopRight" }} /> : null}
      </BarChart>
      <figcaption className="muted">{caption}</figcaption>
      <details>
        <summary>Daily figures</summary>
        <UsageTable first="Date" rows={days.map((d) => ({ ...d, key: d.date, label: d.date }))} />
      </details>
    </figure>
  );
}
