import { ApiError } from "./errors";

/**
 * For the secondary lists of a page (plans, tasks, coverage, knowledge): a 404 means "nothing yet" (no plan, or a
 * server without that feature), which the page shows as an empty state rather than as an error.
 */
export async function orEmptyWhenMissing<T>(load: Promise<T>, empty: T): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return empty;
    throw e;
  }
}
