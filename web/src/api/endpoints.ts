import type { ApiClient } from "./client";
import type * as T from "./types";

const seg = encodeURIComponent;

/** Typed calls of every route of api.md that the UI uses, grouped as the spec groups them. */
export function createEndpoints(c: ApiClient) {
  return {
    auth: {
      register: (r: T.RegisterRequest) => c.request<T.AuthUser>("POST", "/api/auth/register", { body: r, auth: false }),
      login: (email: string, password: string) => c.login(email, password),
      me: () => c.get<T.Me>("/api/auth/me"),
    },
    apiKeys: {
      list: () => c.get<T.ApiKey[]>("/api/auth/api-keys"),
      create: (name: string) => c.post<T.CreatedApiKey>("/api/auth/api-keys", { name }),
      revoke: (id: string) => c.request<T.RevokedApiKey>("DELETE", `/api/auth/api-keys/${seg(id)}`),
    },
    oidc: {
      providers: () => c.request<T.OidcProvider[]>("GET", "/api/auth/oidc/providers", { auth: false }),
      start: (provider: string, redirectUri: string) =>
        c.request<T.OidcLoginStart>("GET", `/api/auth/oidc/${seg(provider)}/login`, { query: { redirect_uri: redirectUri }, auth: false }),
      /** Completes a sign-in with the provider's code and stores the session it answers. */
      callback: async (provider: string, r: T.OidcCallbackRequest) =>
        c.signIn(await c.request<T.TokenPair>("POST", `/api/auth/oidc/${seg(provider)}/callback`, { body: r, auth: false })),
      link: (provider: string, r: T.OidcCallbackRequest) => c.post<T.OidcLinked>(`/api/auth/oidc/link/${seg(provider)}`, r),
      unlink: (provider: string) => c.delete(`/api/auth/oidc/link/${seg(provider)}`),
      identities: () => c.get<T.OidcIdentity[]>("/api/auth/oidc/identities"),
    },
    projects: {
      page: (q: { status?: T.ProjectStatus; offset: number; limit: number }) => c.page<T.ProjectListItem>("/api/projects", q),
      get: (id: string) => c.get<T.Project>(`/api/projects/${seg(id)}`),
      create: (r: T.CreateProjectRequest) => c.post<T.Project>("/api/projects", r),
      update: (id: string, r: T.UpdateProjectRequest) => c.patch<T.Project>(`/api/projects/${seg(id)}`, r),
      remove: (id: string) => c.delete(`/api/projects/${seg(id)}`),
      plan: (id: string) => c.post<T.PlanResult>(`/api/projects/${seg(id)}/plan`),
      plans: (id: string) => c.get<T.PlanVersion[]>(`/api/projects/${seg(id)}/plans`),
      editPlan: (id: string, planId: string, plan: T.PlanDocument) =>
        c.patch<T.PlanVersion>(`/api/projects/${seg(id)}/plans/${seg(planId)}`, { plan }),
      approve: (id: string, planId: string, force = false) =>
        c.post<T.ApproveResult>(`/api/projects/${seg(id)}/plans/${seg(planId)}/approve${force ? "?force=true" : ""}`),
      replan: (id: string, r: T.ReplanRequest) => c.post<T.ReplanResult>(`/api/projects/${seg(id)}/replan`, r),
      rejectPlan: (id: string, planId: string) => c.post<T.PlanVersion>(`/api/projects/${seg(id)}/plans/${seg(planId)}/reject`),
      planDiff: (id: string, a: string, b: string) => c.get<T.PlanDiff>(`/api/projects/${seg(id)}/plans/${seg(a)}/diff/${seg(b)}`),
      execute: (id: string) => c.post<T.Project>(`/api/projects/${seg(id)}/execute`),
      pause: (id: string) => c.post<T.Project>(`/api/projects/${seg(id)}/pause`),
      cancel: (id: string) => c.post<T.Project>(`/api/projects/${seg(id)}/cancel`),
      coverage: (id: string) => c.get<T.Coverage>(`/api/projects/${seg(id)}/coverage`),
      knowledge: (id: string, q?: { category?: string; status?: T.KnowledgeStatus; source?: T.KnowledgeSource }) =>
        c.get<T.KnowledgeItem[]>(`/api/projects/${seg(id)}/knowledge`, q),
      addKnowledge: (id: string, finding: { content: string; category?: T.KnowledgeCategory }) =>
        c.post<T.KnowledgeItem>(`/api/projects/${seg(id)}/knowledge`, finding),
      deleteKnowledge: (id: string, kid: string) => c.delete(`/api/projects/${seg(id)}/knowledge/${seg(kid)}`),
      clone: (id: string) => c.post<T.Project>(`/api/projects/${seg(id)}/clone`),
      export: (id: string) => c.download(`/api/projects/${seg(id)}/export`, `project-${id}.json`),
      import: (document: T.ProjectExport) => c.post<T.Project>("/api/projects/import", document),
    },
    knowledge: {
      accept: (kid: string) => c.post<T.KnowledgeItem>(`/api/knowledge/${seg(kid)}/accept`),
      reject: (kid: string) => c.post<T.KnowledgeItem>(`/api/knowledge/${seg(kid)}/reject`),
      edit: (kid: string, edit: T.KnowledgeEdit) => c.patch<T.KnowledgeItem>(`/api/knowledge/${seg(kid)}`, edit),
    },
    tasks: {
      list: (projectId: string, q?: { status?: T.TaskStatus; exclude_output?: boolean; sort?: string; sort_dir?: string; limit?: number }) =>
        c.get<T.TaskListItem[]>(`/api/tasks/project/${seg(projectId)}`, q),
      get: (id: string) => c.get<T.TaskDetail>(`/api/tasks/${seg(id)}`),
      update: (id: string, r: T.UpdateTaskRequest) => c.patch<T.TaskDetail>(`/api/tasks/${seg(id)}`, r),
      retry: (id: string) => c.post<T.TaskDetail>(`/api/tasks/${seg(id)}/retry`),
      cancel: (id: string) => c.post<T.TaskDetail>(`/api/tasks/${seg(id)}/cancel`),
      review: (id: string, r: T.ReviewRequest) => c.post<T.TaskDetail>(`/api/tasks/${seg(id)}/review`, r),
      bulk: (taskIds: string[], action: T.BulkTaskAction) => c.post<T.BulkTaskResult>("/api/tasks/bulk", { task_ids: taskIds, action }),
    },
    checkpoints: {
      /** Unresolved checkpoints of a project; with `all`, resolved ones too. */
      list: (projectId: string, all = false) =>
        c.get<T.Checkpoint[]>(`/api/checkpoints/project/${seg(projectId)}`, { resolved: all ? true : undefined }),
      get: (id: string) => c.get<T.Checkpoint>(`/api/checkpoints/${seg(id)}`),
      resolve: (id: string, r: T.ResolveCheckpointRequest) => c.post<T.Checkpoint>(`/api/checkpoints/${seg(id)}/resolve`, r),
    },
    events: {
      token: (projectId: string) => c.post<{ token: string }>(`/api/events/${seg(projectId)}/token`),
      /** The SSE stream URL for EventSource: the short-lived token travels in the query, `after` resumes. */
      streamUrl: (projectId: string, token: string, after?: string | null) =>
        c.url(`/api/events/${seg(projectId)}`, { token, after: after ?? undefined }),
    },
    usage: {
      summary: (projectId?: string) => c.get<T.UsageSummary>("/api/usage/summary", { project_id: projectId }),
      budget: () => c.get<T.BudgetStatus>("/api/usage/budget"),
      daily: (days = 30) => c.get<T.DailyUsage[]>("/api/usage/daily", { days }),
      byProject: () => c.get<T.ProjectUsage[]>("/api/usage/by-project"),
      /** A run ("latest" or its number) priced under all-Sonnet and all-Haiku; 404 before the project's first run. */
      costReport: (projectId: string, run: number | "latest" = "latest") =>
        c.get<T.CostReport>(`/api/projects/${seg(projectId)}/runs/${run}/cost-report`),
      forecastAccuracy: () => c.get<T.ForecastAccuracy>("/api/usage/forecast-accuracy"),
    },
    notifications: {
      /** Webhook deliveries of the caller's projects (everyone's for an admin), newest first. */
      deliveries: (q: { status?: T.DeliveryStatus; project_id?: string; offset: number; limit: number }) =>
        c.page<T.Delivery>("/api/notifications/deliveries", q),
    },
    services: {
      list: (refresh = false) => c.get<T.ServiceEntry[]>("/api/services", { refresh: refresh || undefined }),
    },
    admin: {
      users: () => c.get<T.AdminUser[]>("/api/admin/users"),
      updateUser: (id: string, r: { is_active?: boolean; role?: T.UserRole }) => c.patch<T.AdminUser>(`/api/admin/users/${seg(id)}`, r),
      stats: () => c.get<T.AdminStats>("/api/admin/stats"),
      usageOverview: (days = 30) => c.get<T.UsageOverview>("/api/admin/analytics/usage-overview", { days }),
    },
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
