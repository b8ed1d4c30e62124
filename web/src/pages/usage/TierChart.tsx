import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { UsageSummary } from "../../api";
import { usd } from "../../components/format";
import { spendByTier } from "./usageCharts";

const W = 640;
const ROW = 32;

/** Spend by model tier as horizontal bars, the tier read from each model's name. */
export function TierChart({ summary }: { summary: UsageSummary }) {
  const tiers = spendByTier(summary);
  if (tiers.length === 0) return null;
  const caption = `Spend by tier: ${tiers.map((t) => `${t.tier} ${usd(t.spend)}`).join(", ")}`;
  return (
    <figure className="usage-chart" aria-label={caption}>
      <BarChart layout="vertical" width={W} height={tiers.length * ROW + 48} data={tiers} margin={{ top: 8, right: 24, bottom: 4, left: 8 }}
        title={caption}>
        <CartesianGrid horizontal={false} className="chart-grid" />
        <XAxis type="number" tickFormatter={(v: number) => usd(v)} />
        <YAxis type="category" dataKey="tier" width={180} />
        <Tooltip formatter={(v) => [usd(Number(v)), "Spend"]} />
        <Bar dataKey="spend" name="Spend" isAnimationActive={false} />
      </BarChart>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
