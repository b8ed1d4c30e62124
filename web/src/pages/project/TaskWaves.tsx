import { Link } from "react-router-dom";
import type { TaskListItem } from "../../api";
import { usd } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";

/** Tasks grouped by wave (wave 0 first): the order in which the DAG runs them. */
export function TaskWaves({ tasks }: { tasks: TaskListItem[] }) {
  if (tasks.length === 0) {
    return <p className="muted">No tasks yet: approve a plan to create them.</p>;
  }
  const waves = new Map<number, TaskListItem[]>();
  for (const t of tasks) waves.set(t.wave, [...(waves.get(t.wave) ?? []), t]);
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const total = tasks.reduce((sum, t) => sum + (t.cost_usd ?? 0), 0);
  const done = tasks.filter((t) => t.status === "completed").length;

  return (
    <div>
      <p>
        {done} of {tasks.length} tasks completed · spent {usd(total)}
      </p>
      {[...waves.entries()].sort(([a], [b]) => a - b).map(([wave, list]) => (
        <div key={wave} className="wave">
          <table className="table">
            <caption>
              Wave {wave} <span className="muted">({list.length} {list.length === 1 ? "task" : "tasks"})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Tier</th>
                <th scope="col">Model</th>
                <th scope="col" className="num">Cost</th>
                <th scope="col">Depends on</th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <tr key={t.id} data-status={t.status}>
                  <th scope="row">
                    <Link to={`/tasks/${t.id}`}>{t.title}</Link>
                  </th>
                  <td><StatusBadge status={t.status} /></td>
                  <td>{t.model_tier}</td>
                  <td>{t.model_used ?? <span className="muted">—</span>}</td>
                  <td className="num">{usd(t.cost_usd)}</td>
                  <td>{t.depends_on.length === 0 ? <span className="muted">—</span> : t.depends_on.map((d) => titles.get(d) ?? d).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
