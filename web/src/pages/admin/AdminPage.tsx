import { useQuery } from "@tanstack/react-query";
import { keys, useApi } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { count, label, pct, usd } from "../../components/format";
import { Loading } from "../../components/Loading";
import { UsageOverview } from "./UsageOverview";
import { UsersTable } from "./UsersTable";

export function AdminPage() {
  const api = useApi();
  const stats = useQuery({ queryKey: [...keys.admin, "stats"], queryFn: () => api.admin.stats() });
  const s = stats.data;
  return (
    <div className="page">
      <h1>Administration</h1>
      <section aria-labelledby="stats-title" className="card">
        <h2 id="stats-title">System</h2>
        {stats.isPending && <Loading what="statistics" />}
        <ErrorAlert error={stats.error} />
        {s && (
          <>
            <dl className="stats">
              <div><dt>Users</dt><dd>{count(s.active_users)} active of {count(s.total_users)}</dd></div>
              <div><dt>Projects</dt><dd>{count(s.total_projects)}</dd></div>
              <div><dt>Tasks</dt><dd>{count(s.total_tasks)}</dd></div>
              <div><dt>Completion rate</dt><dd>{pct(s.task_completion_rate * 100)}</dd></div>
              <div><dt>Total spend</dt><dd>{usd(s.total_spend_usd)}</dd></div>
            </dl>
            <div className="grid-3">
              <Breakdown title="Projects by status" values={s.projects_by_status} />
              <Breakdown title="Tasks by status" values={s.tasks_by_status} />
              <Breakdown title="Spend by model" values={s.spend_by_model} money />
            </div>
          </>
        )}
      </section>
      <UsersTable />
      <UsageOverview />
    </div>
  );
}

function Breakdown({ title, values, money = false }: { title: string; values: Record<string, number>; money?: boolean }) {
  const entries = Object.entries(values ?? {});
  return (
    <div>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <dl className="facts vertical">
          {entries.map(([k, v]) => (
            <div key={k}><dt>{label(k)}</dt><dd>{money ? usd(v) : count(v)}</dd></div>
          ))}
        </dl>
      )}
    </div>
  );
}
