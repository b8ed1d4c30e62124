import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageSummary } from "../../api";
import { usd } from "../../components/format";
import { spendByModel } from "./usageCharts";

const W = 640;
const ROW = 32;

/** Spend by model as horizontal bars, most expensive first; the table beside it has the same figures. */
export function ModelChart({ summary }: { summary: UsageSummary }) {
  const models = spendByModel(summary);
  if (models.length === 0) return null;
  const caption = `Spend by model: ${models.map((m) => `${m.model} ${usd(m.spend)}`).join(", ")}`;
  return (
    <figure className="usage-chart" aria-label={caption}>
      <BarChart layout="vertical" width={W} height={models.length * ROW + 48} data={models} margin={{ top: 8, right: 24, bottom: 4, left: 8 }}
        title={caption}>
        <CartesianGrid horizontal={false} className="chart-grid" />
        <XAxis type="number" tickFormatter={(v: number) => usd(v)} />
        <YAxis type="category" dataKey="model" width={180} />
        <Tooltip formatter={(v) => [usd(Number(v)), "Spend"]} />
        <Bar dataKey="spend" name="Spend" isAnimationActive={false} />
      </BarChart>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
