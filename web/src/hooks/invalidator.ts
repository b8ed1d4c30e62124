import type { QueryClient, QueryKey } from "@tanstack/react-query";

const DELAY_MS = 100;

/**
 * Coalesces invalidations: a burst of SSE events (a wave finishing) refetches each affected query once, not once per
 * event.
 */
export function createInvalidator(queryClient: QueryClient) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const batch = [...pending.values()];
    pending.clear();
    for (const queryKey of batch) void queryClient.invalidateQueries({ queryKey });
  };

  const invalidate = (queryKeys: readonly QueryKey[]) => {
    for (const k of queryKeys) pending.set(JSON.stringify(k), k);
    timer ??= setTimeout(flush, DELAY_MS);
  };
  /** Runs what is pending now (on unmount, so no refetch is lost). */
  invalidate.flush = () => {
    clearTimeout(timer);
    flush();
  };
  return invalidate;
}
