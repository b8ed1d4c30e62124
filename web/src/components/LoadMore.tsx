import type { usePagedList } from "../hooks/usePagedList";

interface Props {
  list: ReturnType<typeof usePagedList<unknown>>;
  /** What the list holds, plural ("projects"). */
  noun: string;
}

/** "Showing N of M" under a paged list, and a button that loads the next page while there is one. */
export function LoadMore({ list, noun }: Props) {
  const shown = list.items?.length ?? 0;
  if (shown === 0) return null;
  const { query } = list;
  return (
    <div className="actions">
      <p className="muted">Showing {shown} of {list.total} {noun}</p>
      {query.hasNextPage && (
        <button type="button" className="btn btn-small" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? "Loading…" : `Load ${Math.min(list.pageSize, list.total - shown)} more`}
        </button>
      )}
    </div>
  );
}
