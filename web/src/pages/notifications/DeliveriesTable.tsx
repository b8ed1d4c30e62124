import { Link } from "react-router-dom";
import type { Delivery } from "../../api/types";
import { dateTime, label } from "../../components/format";
import { StatusBadge } from "../../components/StatusBadge";

/** One row per delivery: what it reported, where it went, and how its attempts went. */
export function DeliveriesTable({ deliveries }: { deliveries: Delivery[] }) {
  return (
    <table className="table">
      <caption className="sr-only">Webhook deliveries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Kind</th>
          <th scope="col">Event</th>
          <th scope="col">Project</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Attempts</th>
          <th scope="col">Last answer</th>
          <th scope="col">Next attempt / delivered</th>
          <th scope="col">Url</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} aria-label={`${label(d.kind)} delivery ${d.id}`}>
            <td>{dateTime(d.created_at)}</td>
            <td>{label(d.kind)}</td>
            <td>
              <code>{d.event}</code>
              {d.task_id && (
                <>
                  {" "}
                  <Link to={`/tasks/${d.task_id}`}>task</Link>
                </>
              )}
            </td>
            <td>
              <Link to={`/projects/${d.project_id}`}>{d.project_id.slice(-8)}</Link>
            </td>
            <td>
              <StatusBadge status={d.status} />
            </td>
            <td className="num">{d.attempts}</td>
            <td>{d.last_error ?? (d.last_status_code !== null ? `HTTP ${d.last_status_code}` : "—")}</td>
            <td>{d.status === "pending" ? `next ${dateTime(d.next_attempt_at)}` : dateTime(d.delivered_at)}</td>
            <td>
              <code>{d.url}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
