import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ErrorBoundary, type FallbackProps } from "react-error-boundary";
import { errorMessage } from "../api";

/**
 * Keeps a render error inside one region of a page: the region shows what went wrong and a Retry button, the rest of
 * the page stays. Retry refetches the page's queries first, so an error caused by the data can clear on the retry.
 * `resetKeys` (the route, the time its data was fetched) start the region again when they change.
 */
export function RegionBoundary({ name, children, resetKeys }: { name: string; children: ReactNode; resetKeys?: unknown[] }) {
  return (
    <ErrorBoundary resetKeys={resetKeys} fallbackRender={(props) => <RegionFallback name={name} {...props} />}>
      {children}
    </ErrorBoundary>
  );
}

function RegionFallback({ name, error, resetErrorBoundary }: FallbackProps & { name: string }) {
  const queryClient = useQueryClient();
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    // Only the data shown (queries that succeeded) can have broken the render. A query still failing keeps its own
    // error alert and retry schedule: waiting for it here would hold the region back for seconds.
    await queryClient.refetchQueries({ type: "active", predicate: (q) => q.state.status === "success" }, { cancelRefetch: false })
      .catch(() => undefined);
    // NOTE: the query library tells the page about new data on the next task; render again after the page has it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    resetErrorBoundary();
  };
  return (
    <section className="card" aria-label={name}>
      <div role="alert" className="alert alert-error">
        <p>
          {name} could not be shown: {errorMessage(error)}
        </p>
        <button type="button" className="btn btn-small" disabled={retrying} onClick={() => void retry()}>
          Retry
        </button>
      </div>
    </section>
  );
}
