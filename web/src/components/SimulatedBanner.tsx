import { useQuery } from "@tanstack/react-query";
import { keys, orEmptyWhenMissing, useApi, type ServiceEntry } from "../api";

export const SIMULATED_TEXT = "Simulated model provider — outputs are not from a real model";

/** True when GET /api/services has the `simulated` entry with `details.active` true. */
export function isSimulatedActive(services: ServiceEntry[] | undefined): boolean {
  return services?.some((s) => s.id === "simulated" && s.details?.active === true) ?? false;
}

export function useServices() {
  const api = useApi();
  return useQuery({
    queryKey: keys.services,
    queryFn: () => orEmptyWhenMissing(api.services.list(), [] as ServiceEntry[]),
    staleTime: 60_000,
  });
}

/** Always visible (sticky, every page) while the simulated provider answers model calls. */
export function SimulatedBanner() {
  const { data } = useServices();
  if (!isSimulatedActive(data)) return null;
  return (
    <div className="simulated-banner" role="note" aria-label="Simulated model provider">
      <strong>{SIMULATED_TEXT}</strong>
    </div>
  );
}
