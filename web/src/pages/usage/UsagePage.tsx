import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import { Link } from "react-router-dom";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { count, usd } from "../../components/format";
import { Loading } from "../../components/Loading";
import { RegionBoundary } from "../../components/RegionBoundary";
import { BudgetBars } from "./BudgetBars";
import { ForecastRunsTable } from "./ForecastRunsTable";
import { ProviderTable } from "./ProviderTable";
import { UsageTable } from "./UsageTable";

// The charting library is large: loaded with this page, not with every page.
const DailyChart = lazy(() => import("./DailyChart").then((m) => ({ default: m.DailyChart })));
const ModelChart = lazy(() => import("./ModelChart").then((m) => ({ default: m.ModelChart })));
const TierChart = lazy(() => import("./TierChart").then((m) => ({ default: m.TierChart })));

export function UsagePage() {
  const api = useApi();
  const summary = useQuery({ queryKey: [...keys.usage, "summary"], queryFn: () => api.usage.summary() });
  const budget = useQuery({ queryKey: [...keys.usage, "budget"], queryFn: () => api.usage.budget() });
  const daily = useQuery({ queryKey: [...keys.usage, "daily", 30], queryFn: () => api.usage.daily(30) });
  const byProject = useQuery({ queryKey: [...keys.usage, "by-project"], queryFn: () => api.usage.byProject() });
  const accuracy = useQuery({ queryKey: keys.forecastAccuracy, queryFn: () => api.usage.forecastAccuracy() });
  const s = summary.data;

  return (
    <div className="page">
      <h1>Usage and budget</h1>
      <section aria-labelledby="summary-title" className="card">
        <h2 id="summary-title">Summary</h2>
        {summary.isPending && <Loading what="usage" />}
        <ErrorAlert error={summary.error} />
        {s && (
          <>
            <dl className="stats">
              <div><dt>Total spend</dt><dd>{usd(s.total_cost_usd)}</dd></div>
              <div><dt>Model calls</dt><dd>{count(s.api_call_count)}</dd></div>
              <div><dt>Prompt tokens</dt><dd>{count(s.total_prompt_tokens)}</dd></div>
              <div><dt>Completion tokens</dt><dd>{count(s.total_completion_tokens)}</dd></div>
            </dl>
            <RegionBoundary name="Spend by tier chart">
              <Suspense fallback={<Loading what="chart" />}><TierChart summary={s} /></Suspense>
            </RegionBoundary>
            <RegionBoundary name="Spend by model chart">
              <Suspense fallback={<Loading what="chart" />}><ModelChart summary={s} /></Suspense>
            </RegionBoundary>
            <ProviderTable summary={s} />
          </>
        )}
      </section>
      <section aria-labelledby="budget-title" className="card">
        <h2 id="budget-title">Budget</h2>
        <ErrorAlert error={budget.error} />
        {budget.data && <RegionBoundary name="Budget bars"><BudgetBars budget={budget.data} /></RegionBoundary>}
      </section>
      <section aria-labelledby="daily-title" className="card">
        <h2 id="daily-title">Daily spend (30 days)</h2>
        <ErrorAlert error={daily.error} />
        {daily.data && (
          <RegionBoundary name="Daily spend chart">
            <Suspense fallback={<Loading what="chart" />}>
              <DailyChart days={daily.data} cap={budget.data?.daily_limit_usd} />
            </Suspense>
          </RegionBoundary>
        )}
      </section>
      <section aria-labelledby="forecast-runs-title" className="card">
        <h2 id="forecast-runs-title">Forecast against actual</h2>
        <ErrorAlert error={accuracy.error} />
        {accuracy.data && <ForecastRunsTable accuracy={accuracy.data} />}
      </section>
      <section aria-labelledby="by-project-title" className="card">
        <h2 id="by-project-title">By project</h2>
        <ErrorAlert error={byProject.error} />
        {byProject.data && byProject.data.length === 0 && <p className="muted">No spend yet.</p>}
        {byProject.data && byProject.data.length > 0 && (
          <UsageTable
            first="Project"
            rows={byProject.data.map((p) => ({ ...p, key: p.project_id, label: <Link to={`/projects/${p.project_id}`}>{p.project_name}</Link> }))}
          />
        )}
      </section>
    </div>
  );
}
