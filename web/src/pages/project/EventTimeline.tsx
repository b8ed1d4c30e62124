import { Link } from "react-router-dom";
import type { StreamState, TimelineEvent } from "../../hooks/useProjectEvents";
import { time, usd } from "../../components/format";

const STATE_TEXT: Record<StreamState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  closed: "Run finished",
  unavailable: "Live events are not available",
};

/** The live SSE timeline, newest first. A polite live region, so screen readers hear progress without focus moves. */
export function EventTimeline({ events, state, dropped = 0 }: { events: TimelineEvent[]; state: StreamState; dropped?: number }) {
  return (
    <section aria-labelledby="timeline-title" className="card timeline">
      <div className="section-head">
        <h2 id="timeline-title">Live events</h2>
        <span className={`stream stream-${state}`} role="status">
          {STATE_TEXT[state]}
        </span>
      </div>
      {dropped > 0 && (
        <p className="muted">
          Showing the latest {events.length.toLocaleString()} events; {dropped.toLocaleString()} earlier ones are in the project's full
          timeline (<code>orch events</code>, or GET /api/projects/…/events).
        </p>
      )}
      {events.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        // NOTE: the log role sits on a wrapper: on the <ol> itself it would hide the list from assistive technology.
        <div role="log" aria-live="polite" aria-label="Event timeline">
          <ol className="events" reversed>
            {[...events].reverse().map((e, i) => (
              <li key={e.id || `${e.timestamp}-${i}`} className={`event event-${e.type}${e.level ? ` level-${e.level}` : ""}`}>
                <time dateTime={new Date(e.timestamp * 1000).toISOString()}>{time(e.timestamp)}</time>
                <span className="event-type">{e.type}</span>
                <span className="event-message">{e.task_id ? <Link to={`/tasks/${e.task_id}`}>{e.message}</Link> : e.message}</span>
                {typeof e.cost_usd === "number" && e.cost_usd > 0 && <span className="muted">{usd(e.cost_usd)}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
