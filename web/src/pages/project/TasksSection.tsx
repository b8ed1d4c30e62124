import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { keys, useApi, type BulkTaskAction, type BulkTaskResult, type TaskListItem } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { runBulk, toggled } from "./taskSelection";
import { TaskWaves } from "./TaskWaves";

const PAST: Record<BulkTaskAction, string> = { retry: "Retried", cancel: "Cancelled" };

/** The project's tasks by wave, with checkboxes for retrying or cancelling many at once. */
export function TasksSection({ projectId, tasks }: { projectId: string; tasks: TaskListItem[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<{ action: BulkTaskAction; result: BulkTaskResult } | null>(null);
  // Only tasks still listed count (a re-plan can replace them).
  const selected = new Set(tasks.filter((t) => picked.has(t.id)).map((t) => t.id));
  const titles = new Map(tasks.map((t) => [t.id, t.title]));
  const bulk = useMutation({
    mutationFn: (action: BulkTaskAction) => runBulk(api, [...selected], action),
    onSuccess: (result, action) => {
      setOutcome({ action, result });
      setPicked(new Set());
      for (const queryKey of [keys.tasks(projectId), keys.project(projectId), keys.coverage(projectId), keys.checkpoints(projectId)]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
  const run = (action: BulkTaskAction) => {
    setOutcome(null);
    bulk.mutate(action);
  };

  return (
    <section aria-labelledby="tasks-title" className="card">
      <h2 id="tasks-title">Tasks</h2>
      <div className="actions bulk-bar" role="group" aria-label="Selected tasks">
        <span className="muted">{selected.size} selected</span>
        <button type="button" className="btn btn-small" disabled={selected.size === 0 || bulk.isPending} onClick={() => run("retry")}>
          Retry selected
        </button>
        <button type="button" className="btn btn-small" disabled={selected.size === 0 || bulk.isPending} onClick={() => run("cancel")}>
          Cancel selected
        </button>
        {selected.size > 0 && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setPicked(new Set())}>
            Clear selection
          </button>
        )}
      </div>
      <ErrorAlert error={bulk.error} prefix="The bulk action failed" />
      {outcome && (
        <div role="status" className={`alert ${outcome.result.failed.length ? "alert-warn" : "alert-ok"}`}>
          <p>
            {PAST[outcome.action]} {outcome.result.succeeded.length} of {outcome.result.succeeded.length + outcome.result.failed.length}
            {" "}{outcome.result.succeeded.length + outcome.result.failed.length === 1 ? "task" : "tasks"}.
            {outcome.result.failed.length > 0 && ` ${outcome.result.failed.length} refused:`}
          </p>
          {outcome.result.failed.length > 0 && (
            <ul aria-label="Refused tasks">
              {outcome.result.failed.map((f) => (
                <li key={f.id}>
                  <strong>{titles.get(f.id) ?? f.id}</strong>: {f.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <TaskWaves tasks={tasks} selection={{ selected, toggle: (ids, on) => setPicked((s) => toggled(s, ids, on)) }} />
    </section>
  );
}
