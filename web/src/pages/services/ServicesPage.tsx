import { useMutation, useQueryClient } from "@tanstack/react-query";
import { keys, useApi, type ServiceEntry } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { SimulatedTag } from "../../components/SimulatedTag";
import { StatusBadge } from "../../components/StatusBadge";
import { useServices } from "../../components/SimulatedBanner";

/** Health of the model providers and our own parts (database, embeddings, simulated provider). */
export function ServicesPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const services = useServices();
  const refresh = useMutation({
    mutationFn: () => api.services.list(true),
    onSuccess: (fresh) => queryClient.setQueryData(keys.services, fresh),
  });
  const list = services.data ?? [];
  const categories = [...new Set(list.map((s) => s.category || "other"))];

  return (
    <div className="page">
      <div className="page-head">
        <h1>Services</h1>
        <button type="button" className="btn" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
          {refresh.isPending ? "Checking…" : "Check now"}
        </button>
      </div>
      {services.isPending && <Loading what="services" />}
      <ErrorAlert error={services.error ?? refresh.error} />
      {services.isSuccess && list.length === 0 && <p className="muted">This server reports no services.</p>}
      {categories.map((category) => (
        <section key={category} className="card" aria-label={`${category} services`}>
          <h2>{category}</h2>
          <ul className="services">
            {list.filter((s) => (s.category || "other") === category).map((s) => <ServiceCard key={s.id} service={s} />)}
          </ul>
        </section>
      ))}
    </div>
  );
}

function ServiceCard({ service: s }: { service: ServiceEntry }) {
  const details = Object.entries(s.details ?? {});
  return (
    <li className="service" aria-labelledby={`svc-${s.id}`}>
      <div className="section-head">
        <h3 id={`svc-${s.id}`}>
          {s.name} {s.id === "simulated" && s.details?.active === true && <SimulatedTag />}
        </h3>
        <StatusBadge status={s.status} />
      </div>
      <p className="muted">
        {s.id} · checked by {s.method}
      </p>
      {details.length > 0 && (
        <dl className="facts compact">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{k.replaceAll("_", " ")}</dt>
              <dd>{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
