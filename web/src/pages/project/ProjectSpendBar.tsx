import { pct, usd } from "../../components/format";

interface Props {
  spent: number;
  /** The approved plan's high forecast. */
  forecastHigh: number;
  /** The project's own cap (config budget.per_project_limit_usd), when it has one. */
  cap: number | null;
}

/**
 * What the running plan has spent, as a bar against the higher of its forecast and its cap; the forecast is marked on
 * the bar, and the bar turns amber past the forecast and red at the cap.
 */
export function ProjectSpendBar({ spent, forecastHigh, cap }: Props) {
  const scale = Math.max(forecastHigh, cap ?? 0, spent);
  const share = (usdAmount: number) => (scale > 0 ? Math.min(100, (usdAmount / scale) * 100) : 0);
  const tone = cap !== null && spent >= cap ? "bad" : spent > forecastHigh ? "warn" : "ok";
  const against = `${usd(forecastHigh)} forecast (high)${cap !== null ? ` and a ${usd(cap)} project cap` : ""}`;
  const text = `Spent ${usd(spent)} of ${against}: ${pct(share(spent))} of the bar`;
  return (
    <div className="budget-row" data-testid="project-spend">
      <div className="budget-label">
        <strong>Spend</strong> <span>{usd(spent)} of {against}</span>
      </div>
      <div className="bar spend-bar" role="meter" aria-label="Project spend" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={Math.round(share(spent))} aria-valuetext={text}>
        <div className={`bar-fill bar-${tone}`} style={{ width: `${share(spent)}%` }} />
        {cap !== null && forecastHigh < scale && (
          <div className="bar-mark" style={{ left: `${share(forecastHigh)}%` }} title={`forecast (high) ${usd(forecastHigh)}`} />
        )}
      </div>
    </div>
  );
}

/** The project's own cap from its config, when it sets one. */
export function projectCap(config: Record<string, unknown>): number | null {
  const budget = config.budget;
  if (typeof budget !== "object" || budget === null) return null;
  const limit = (budget as Record<string, unknown>).per_project_limit_usd;
  return typeof limit === "number" && limit > 0 ? limit : null;
}
