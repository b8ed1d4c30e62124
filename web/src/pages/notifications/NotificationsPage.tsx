import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { keys, useApi } from "../../api";
import type { DeliveryStatus } from "../../api/types";
import { ErrorAlert } from "../../components/ErrorAlert";
import { label } from "../../components/format";
import { Loading } from "../../components/Loading";
import { LoadMore } from "../../components/LoadMore";
import { usePagedList } from "../../hooks/usePagedList";
import { DeliveriesTable } from "./DeliveriesTable";

/** Webhook deliveries (config notifications.webhooks) of the user's projects, everyone's for an admin. */
export function NotificationsPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DeliveryStatus | "">("");
  const deliveries = usePagedList([...keys.deliveries, status],
    (offset, limit) => api.notifications.deliveries({ status: status || undefined, offset, limit }), 100);
  const items = deliveries.items;

  return (
    <div className="page">
      <h1>Notifications</h1>
      <section aria-labelledby="deliveries-title" className="card">
        <h2 id="deliveries-title">Webhook deliveries</h2>
        <p className="muted">
          Each event a webhook asked for is POSTed, signed, to its url; failures are tried again with a growing wait.
        </p>
        <div className="row">
          <label>
            Status{" "}
            <select value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | "")}>
              <option value="">all</option>
              <option value="pending">pending</option>
              <option value="delivered">delivered</option>
              <option value="failed">failed</option>
            </select>
          </label>{" "}
          <button type="button" onClick={() => void queryClient.invalidateQueries({ queryKey: keys.deliveries })}>
            Refresh
          </button>
        </div>
        {deliveries.query.isPending && <Loading what="deliveries" />}
        <ErrorAlert error={deliveries.query.error} />
        {items && items.length === 0 && (
          <p className="muted">No deliveries{status ? ` ${label(status)}` : ""}. Webhooks are set in the server config (notifications.webhooks).</p>
        )}
        {items && items.length > 0 && <DeliveriesTable deliveries={items} />}
        <LoadMore list={deliveries} noun="deliveries" />
      </section>
    </div>
  );
}
