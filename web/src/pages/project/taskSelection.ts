import type { BulkTaskAction, BulkTaskResult, Endpoints } from "../../api";

/** The server takes at most this many task ids per bulk call. */
export const BULK_LIMIT = 100;

/** Runs a bulk action over any number of tasks, in calls of at most BULK_LIMIT ids, and merges the answers. */
export async function runBulk(api: Endpoints, ids: readonly string[], action: BulkTaskAction): Promise<BulkTaskResult> {
  const merged: BulkTaskResult = { succeeded: [], failed: [] };
  for (let i = 0; i < ids.length; i += BULK_LIMIT) {
    const part = await api.tasks.bulk(ids.slice(i, i + BULK_LIMIT), action);
    merged.succeeded.push(...part.succeeded);
    merged.failed.push(...part.failed);
  }
  return merged;
}

/** Adds or removes ids from a selection (a new set, so React sees the change). */
export function toggled(selection: ReadonlySet<string>, ids: readonly string[], on: boolean): Set<string> {
  const next = new Set(selection);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}
