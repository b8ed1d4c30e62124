import type { BudgetStatus } from "../../api";
import { pct, usd } from "../../components/format";

/**
 * Daily and monthly caps: spent, plus what running work has reserved but not yet settled (reserved_usd counts
 * against both caps, so it is drawn after the spend on each bar).
 */
export function BudgetBars({ budget }: { budget: BudgetStatus }) {
  return (
    <div className="budget">
      <Bar name="Daily" spent={budget.daily_spent_usd} limit={budget.daily_limit_usd} percent={budget.daily_pct} reserved={budget.reserved_usd} />
      <Bar name="Monthly" spent={budget.monthly_spent_usd} limit={budget.monthly_limit_usd} percent={budget.monthly_pct} reserved={budget.reserved_usd} />
      <p className="muted">Reserved by running work: {usd(budget.reserved_usd)}</p>
    </div>
  );
}

function Bar({ name, spent, limit, percent, reserved }: { name: string; spent: number; limit: number; percent: number; reserved: number }) {
  const spentPct = clamp(percent);
  const reservedPct = limit > 0 ? clamp((reserved / limit) * 100, 100 - spentPct) : 0;
  const tone = percent >= 100 ? "bad" : percent >= 80 ? "warn" : "ok";
  const text = `${name}: ${usd(spent)} of ${usd(limit)} (${pct(percent)})${reserved > 0 ? `, ${usd(reserved)} reserved` : ""}`;
  return (
    <div className="budget-row">
      <div className="budget-label">
        <strong>{name}</strong> <span>{usd(spent)} of {usd(limit)}</span> <span className="muted">{pct(percent)}</span>
      </div>
      <div className="bar" role="meter" aria-label={`${name} budget`} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={Math.round(spentPct)} aria-valuetext={text}>
        <div className={`bar-fill bar-${tone}`} style={{ width: `${spentPct}%` }} />
        {reservedPct > 0 && <div className="bar-reserved" style={{ width: `${reservedPct}%` }} title={`${usd(reserved)} reserved`} />}
      </div>
    </div>
  );
}

function clamp(v: number, max = 100): number {
  return Math.max(0, Math.min(max, Number.isFinite(v) ? v : 0));
}
