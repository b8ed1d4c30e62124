import { Link } from "react-router-dom";
import type { ProjectListItem } from "../../api";
import { dateTime } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";

export function ProjectList({ projects }: { projects: ProjectListItem[] }) {
  if (projects.length === 0) {
    return <p className="muted">No projects yet. Create one to get started.</p>;
  }
  return (
    <table className="table">
      <caption className="sr-only">Projects, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Rigor</th>
          <th scope="col">Tasks</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={`/projects/${p.id}`}>{p.name}</Link>
            </th>
            <td>
              <StatusBadge status={p.status} />
            </td>
            <td>{p.planning_rigor}</td>
            <td>
              <TaskSummaryCell summary={p.task_summary} />
            </td>
            <td>{dateTime(p.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TaskSummaryCell({ summary }: { summary: ProjectListItem["task_summary"] }) {
  if (!summary || summary.total === 0) return <span className="muted">no tasks</span>;
  const done = Math.round((summary.completed / summary.total) * 100);
  return (
    <div className="task-summary">
      <span>
        {summary.completed}/{summary.total} done
        {summary.running > 0 && `, ${summary.running} running`}
        {summary.failed > 0 && `, ${summary.failed} failed`}
      </span>
      <progress max={summary.total} value={summary.completed} aria-label={`${done}% of tasks completed`} />
    </div>
  );
}
