import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import type { TaskListItem } from "../../api";
import { usd } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";

export interface TaskSelection {
  selected: ReadonlySet<string>;
  toggle: (ids: string[], on: boolean) => void;
}

/** Tasks grouped by wave (wave 0 first): the order in which the DAG runs them. With a selection, rows get checkboxes. */
export function TaskWaves({ tasks, selection }: { tasks: TaskListItem[]; selection?: TaskSelection }) {
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
                {selection && (
                  <th scope="col" className="check">
                    <WaveCheckbox wave={wave} ids={list.map((t) => t.id)} selection={selection} />
                  </th>
                )}
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
                  {selection && (
                    <td className="check">
                      <input type="checkbox" aria-label={`Select ${t.title}`} checked={selection.selected.has(t.id)}
                        onChange={(e) => selection.toggle([t.id], e.target.checked)} />
                    </td>
                  )}
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

/** Selects every task of a wave; shows "mixed" when only some are selected. */
function WaveCheckbox({ wave, ids, selection }: { wave: number; ids: string[]; selection: TaskSelection }) {
  const box = useRef<HTMLInputElement>(null);
  const count = ids.filter((id) => selection.selected.has(id)).length;
  const some = count > 0 && count < ids.length;
  useEffect(() => {
    if (box.current) box.current.indeterminate = some;
  }, [some]);
  return (
    <input ref={box} type="checkbox" aria-label={`Select all in wave ${wave}`} checked={count === ids.length} onChange={(e) => selection.toggle(ids, e.target.checked)} />
  );
}
