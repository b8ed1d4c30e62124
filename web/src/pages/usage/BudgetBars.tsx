import type { BudgetLevel, BudgetStatus } from "../../api";
import { pct, usd } from "../../components/format";

/**
 * Daily and monthly caps. An admin sees the installation's spend, plus what running work has reserved but not yet
 * settled (reserved_usd counts against both caps, so it is drawn after the spend on each bar). Any other user sees how
 * full the installation's caps are and their own spend beside it, never everyone's.
 */
export function BudgetBars({ budget }: { budget: BudgetStatus }) {
  const own = budget.scope === "own";
  return (
    <div className="budget">
      <Bar name="Daily" spent={budget.daily_spent_usd} limit={budget.daily_limit_usd} percent={budget.daily_pct} level={budget.daily_level}
        reserved={own ? 0 : budget.reserved_usd} own={own} />
      <Bar name="Monthly" spent={budget.monthly_spent_usd} limit={budget.monthly_limit_usd} percent={budget.monthly_pct}
        level={budget.monthly_level} reserved={own ? 0 : budget.reserved_usd} own={own} />
      <p className="muted">
        {own ? `Your running work has reserved ${usd(budget.reserved_usd)}.` : `Reserved by running work: ${usd(budget.reserved_usd)}`}
      </p>
    </div>
  );
}

const tones: Record<BudgetLevel, string> = { ok: "ok", warning: "warn", exhausted: "bad" };

function Bar({ name, spent, limit, percent, level, reserved, own }:
  { name: string; spent: number; limit: number; percent: number; level: BudgetLevel; reserved: number; own: boolean }) {
  const spentPct = clamp(percent);
  const reservedPct = limit > 0 ? clamp((reserved / limit) * 100, 100 - spentPct) : 0;
  const tone = tones[level] ?? "ok";
  const text = own
    ? `${name}: the installation's ${usd(limit)} cap is ${pct(percent)} used (${level}); you spent ${usd(spent)}`
    : `${name}: ${usd(spent)} of ${usd(limit)} (${pct(percent)})${reserved > 0 ? `, ${usd(reserved)} reserved` : ""}`;
  return (
    <div className="budget-row">
      <div className="budget-label">
        <strong>{name}</strong>{" "}
        {own
          ? <span>cap {usd(limit)}, {pct(percent)} used; you spent {usd(spent)}</span>
          : <span>{usd(spent)} of {usd(limit)}</span>}{" "}
        <span className="muted">{own ? level : pct(percent)}</span>
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
