import { usdRange } from "../../components/format";
import type { LiveForecast } from "./planForecast";

interface Props {
  /** The forecast the server gave the plan as saved. */
  saved: { total_usd_low: number; total_usd_high: number };
  /** The forecast computed here for unsaved changes; null when there are none. */
  live: LiveForecast | null;
}

/** The plan's forecast: the server's, or while there are unsaved changes the one computed from its prices. */
export function PlanForecastFact({ saved, live }: Props) {
  const shown = live ?? saved;
  return (
    <div>
      <dt>Forecast</dt>
      <dd>
        <span data-testid="forecast-total" aria-live="polite">{usdRange(shown.total_usd_low, shown.total_usd_high)}</span>
        {live && (
          <span className="muted" data-testid="forecast-note">
            {" "}with unsaved changes (saved: {usdRange(saved.total_usd_low, saved.total_usd_high)})
            {live.unpriced > 0 ? `; ${live.unpriced} task${live.unpriced === 1 ? "" : "s"} priced when saved` : ""}
          </span>
        )}
      </dd>
    </div>
  );
}
