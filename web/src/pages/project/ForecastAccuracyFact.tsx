import { useQuery } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type ForecastAccuracy } from "../../api";

/** How often past runs stayed inside their forecast range, beside a plan's forecast; nothing before the first run. */
export function ForecastAccuracyFact() {
  const api = useApi();
  const accuracy = useQuery({
    queryKey: keys.forecastAccuracy,
    queryFn: () => orEmptyWhenMissing<ForecastAccuracy | null>(api.usage.forecastAccuracy(), null),
  });
  const a = accuracy.data;
  if (!a || a.runs === 0) return null;
  return (
    <div>
      <dt>Past forecasts</dt>
      <dd data-testid="forecast-accuracy">
        {a.inside} of {a.runs} finished {a.runs === 1 ? "run" : "runs"} inside the range
        {a.calibration.calibrated_groups > 0 ? `; estimates learned from ${a.calibration.samples} finished tasks` : ""}
      </dd>
    </div>
  );
}
