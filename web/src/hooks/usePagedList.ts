import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import type { Page } from "../api";

/**
 * A list the server pages (offset, limit, X-Total-Count), loaded a page at a time on request: the items so far, the
 * total, and the query (hasNextPage, fetchNextPage). Nothing beyond the loaded pages is hidden without saying so.
 */
export function usePagedList<T>(queryKey: QueryKey, fetchPage: (offset: number, limit: number) => Promise<Page<T>>, pageSize: number) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam, pageSize),
    initialPageParam: 0,
    getNextPageParam: (last: Page<T>, pages: Page<T>[]) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
  });
  const items = query.data?.pages.flatMap((p) => p.items);
  const total = query.data?.pages.at(-1)?.total ?? 0;
  return { query, items, total, pageSize };
}
