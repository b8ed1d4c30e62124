/** React Query keys, one place, so SSE events and mutations invalidate exactly what they change. */
export const keys = {
  projects: ["projects"] as const,
  project: (id: string) => ["project", id] as const,
  plans: (id: string) => ["plans", id] as const,
  planDiff: (id: string, a: string, b: string) => ["plans", id, "diff", a, b] as const,
  tasks: (projectId: string) => ["tasks", projectId] as const,
  task: (taskId: string) => ["task", taskId] as const,
  coverage: (id: string) => ["coverage", id] as const,
  /** Under the project's key, so the project's events refetch it with the project. */
  costReport: (id: string) => ["project", id, "cost-report"] as const,
  knowledge: (id: string) => ["knowledge", id] as const,
  checkpoints: (projectId: string) => ["checkpoints", projectId] as const,
  me: ["me"] as const,
  apiKeys: ["api-keys"] as const,
  identities: ["identities"] as const,
  oidcProviders: ["oidc-providers"] as const,
  usage: ["usage"] as const,
  forecastAccuracy: ["usage", "forecast-accuracy"] as const,
  services: ["services"] as const,
  deliveries: ["deliveries"] as const,
  admin: ["admin"] as const,
};
