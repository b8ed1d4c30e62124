// Fixture data shaped exactly as api.md says (snake_case, epoch seconds, bare arrays, lowercase enums).
import type {
  AdminStats, AdminUser, AuthUser, ApiKey, BudgetStatus, Checkpoint, Coverage, DailyUsage, KnowledgeItem, PlanVersion, Project, ProjectListItem,
  Me, OidcIdentity, OidcProvider, ProjectUsage, ServiceEntry, TaskDetail, TaskListItem, TokenPair, UsageOverview, UsageSummary,
} from "../api";

export const NOW = 1_790_000_000;

export const admin: AuthUser = { id: "u-admin", email: "ada@example.com", display_name: "Ada", role: "admin" };
export const member: AuthUser = { id: "u-user", email: "bob@example.com", display_name: "Bob", role: "user" };

export function tokenPair(n = 1, user = admin): TokenPair {
  return { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: "bearer", expires_in: 900, user };
}

export const projectItem: ProjectListItem = {
  id: "p1", name: "hello-world", status: "executing", planning_rigor: "L2", created_at: NOW - 600, updated_at: NOW - 60,
  completed_at: null, task_summary: { total: 3, completed: 1, running: 1, failed: 0 },
};

export const draftItem: ProjectListItem = {
  id: "p2", name: "fresh idea", status: "draft", planning_rigor: "L1", created_at: NOW - 100, updated_at: NOW - 100,
  completed_at: null, task_summary: null,
};

export function project(overrides: Partial<Project> = {}): Project {
  return {
    id: "p1", project_id: "p1", name: "hello-world", status: "draft", status_reason: null, planning_rigor: "L2", replanning: false,
    requirements: "Write hello.py that prints a greeting.\n\nWrite RUN.md explaining how to run it.",
    created_at: NOW - 600, updated_at: NOW - 60, completed_at: null, config: {}, ...overrides,
  };
}

export function planVersion(overrides: Partial<PlanVersion> = {}): PlanVersion {
  return {
    id: "plan1", plan_id: "plan1", project_id: "p1", version: 1, status: "draft", created_at: NOW - 300, approved_at: null,
    model_used: "claude-sonnet-4-5", prompt_tokens: 1500, completion_tokens: 600, cost_usd: 0.0123, requirements: [],
    forecast_low_usd: 0.0042, forecast_expected_usd: 0.01765, forecast_high_usd: 0.0311, spent_usd: null, approval_forced: false,
    replan_of: null, kept_task_ids: null,
    plan: {
      summary: "Write the script, then document it.",
      phases: [
        {
          name: "Build", description: "Make the script",
          tasks: [
            { title: "Write hello.py", description: "Print a greeting and the date.", task_type: "code", complexity: "simple",
              depends_on: [], requirement_ids: ["R1"] },
          ],
        },
        {
          name: "Document", description: "Explain it",
          tasks: [
            { title: "Write RUN.md", description: "Exact steps.", task_type: "documentation", complexity: "simple",
              depends_on: [0], requirement_ids: ["R2"], model_tier: "haiku", priority: 10 },
            { title: "Summarise", description: "Two bullets.", task_type: "documentation", complexity: "simple",
              depends_on: [0, 1] },
          ],
        },
      ],
      open_questions: [{ question: "Which Python version?", proposed_answer: "3.11", impact: "Syntax used" }],
      risk_assessment: [{ risk: "Date format ambiguity", likelihood: "low", impact: "medium", mitigation: "Use ISO 8601" }],
    },
    forecast: {
      total_usd_low: 0.0042, total_usd_high: 0.0311,
      tasks: [
        { index: 0, model_tier: "sonnet", model: "claude-sonnet-4-5", est_cost_usd_low: 0.002, est_cost_usd_high: 0.02 },
        { index: 1, model_tier: "haiku", model: "claude-haiku-4-5", est_cost_usd_low: 0.0011, est_cost_usd_high: 0.0061 },
        { index: 2, model_tier: "ollama", model: "llama3.2", est_cost_usd_low: 0, est_cost_usd_high: 0 },
      ],
    },
    ...overrides,
  };
}

export function task(overrides: Partial<TaskListItem> = {}): TaskListItem {
  return {
    id: "t1", project_id: "p1", plan_id: "plan1", title: "Write hello.py", status: "completed", task_type: "code",
    model_tier: "sonnet", model_used: "claude-sonnet-4-5", cost_usd: 0.0123, wave: 0, phase: "Build", priority: 0,
    depends_on: [], requirement_ids: ["R1"], ...overrides,
  };
}

export const tasks: TaskListItem[] = [
  task(),
  task({ id: "t2", title: "Write RUN.md", status: "running", model_tier: "haiku", model_used: null, cost_usd: 0, wave: 1,
    phase: "Document", depends_on: ["t1"], requirement_ids: ["R2"] }),
  task({ id: "t3", title: "Summarise", status: "blocked", model_tier: "ollama", model_used: null, cost_usd: 0, wave: 2,
    phase: "Document", depends_on: ["t1", "t2"], requirement_ids: [] }),
];

export function taskDetail(overrides: Partial<TaskDetail> = {}): TaskDetail {
  return {
    ...task(), task_index: 0, complexity: "simple", verification_criteria: null, affected_files: [], max_tokens: null, partial: false,
    skipped: false, feedback: [], description: "Print a greeting and today's date.", prompt_tokens: 1200, completion_tokens: 340, tools: ["write_file"],
    verification_status: "passed", verification_notes: "Greeting and ISO date present.", error: null,
    output_text: "print('hello')", output_artifacts: [], retry_count: 0, started_at: NOW - 50, completed_at: NOW - 40,
    created_at: NOW - 300, updated_at: NOW - 40, ...overrides,
  };
}

export const coverage: Coverage = {
  project_id: "p1", plan_id: "plan1", plan_status: "approved", total_requirements: 2, covered_count: 1, uncovered_count: 1,
  uncovered_ids: ["R2"],
  requirements: [
    { id: "R1", text: "Write hello.py that prints a greeting.", covered: true, task_ids: ["t1"], task_indexes: [0], completed: true },
    { id: "R2", text: "Write RUN.md explaining how to run it.", covered: false, task_ids: [], task_indexes: [], completed: false },
  ],
};

export const knowledge: KnowledgeItem[] = [
  { id: "k1", project_id: "p1", task_id: "t1", category: "decision", content: "Dates are ISO 8601.",
    source_task_title: "Write hello.py", created_at: NOW - 30, source: "task", status: "accepted", screen_reason: null,
    checkpoint_id: null, added_by: null, reviewed_by: null, reviewed_at: null, edited_by: null, edited_at: null },
];

export const summary: UsageSummary = {
  total_cost_usd: 1.2345, total_prompt_tokens: 120_000, total_completion_tokens: 30_000, api_call_count: 42,
  by_model: { "claude-sonnet-4-5": { calls: 40, prompt_tokens: 110_000, completion_tokens: 28_000, cost_usd: 1.2 } },
  by_provider: { simulated: { calls: 40, cost_usd: 1.2 }, ollama: { calls: 2, cost_usd: 0 } },
  cache_read_tokens: 0, cache_write_tokens: 0, cache_read_share: 0,
};

export const budget: BudgetStatus = {
  daily_spent_usd: 4, daily_limit_usd: 5, daily_pct: 80, monthly_spent_usd: 20, monthly_limit_usd: 100, monthly_pct: 20,
  reserved_usd: 0.5, scope: "installation", daily_level: "warning", monthly_level: "ok",
};

export const daily: DailyUsage[] = [
  { date: "2026-11-23", api_calls: 3, cost_usd: 0.5, prompt_tokens: 1000, completion_tokens: 200 },
  { date: "2026-11-24", api_calls: 0, cost_usd: 0, prompt_tokens: 0, completion_tokens: 0 },
  { date: "2026-11-25", api_calls: 9, cost_usd: 1.25, prompt_tokens: 9000, completion_tokens: 1800 },
];

export const byProject: ProjectUsage[] = [
  { project_id: "p1", project_name: "hello-world", cost_usd: 1.2, prompt_tokens: 110_000, completion_tokens: 28_000, api_calls: 40,
    cache_read_tokens: 0, cache_write_tokens: 0, cache_read_share: 0 },
];

export function services(simulatedActive: boolean): ServiceEntry[] {
  return [
    { id: "database", name: "Database", status: "online", method: "query", details: { provider: "sqlite" }, category: "core" },
    { id: "anthropic_api", name: "Anthropic API", status: "offline", method: "http", details: { configured: false }, category: "models" },
    { id: "simulated", name: "Simulated model provider", status: "online", method: "built-in",
      details: { simulated: true, active: simulatedActive, default_provider: simulatedActive ? "simulated" : "anthropic" }, category: "models" },
  ];
}

export const users: AdminUser[] = [
  { id: admin.id, email: admin.email, display_name: admin.display_name, role: "admin", is_active: true, last_login_at: NOW - 10, project_count: 2 },
  { id: member.id, email: member.email, display_name: member.display_name, role: "user", is_active: true, last_login_at: null, project_count: 0 },
];

export const stats: AdminStats = {
  total_users: 2, active_users: 2, total_projects: 2, projects_by_status: { executing: 1, draft: 1 }, total_tasks: 3,
  tasks_by_status: { completed: 1, running: 1, blocked: 1 }, task_completion_rate: 0.3333, total_spend_usd: 1.2345,
  spend_by_model: { "claude-sonnet-4-5": 1.2 },
};

export const usageOverview: UsageOverview = {
  summary: { total_cost_usd: 1.2345, total_api_calls: 42, total_tokens: 150_000, active_projects: 1 },
  by_purpose: [{ purpose: "execution", api_calls: 30, cost_usd: 1, pct_of_total: 81 }, { purpose: "planning", api_calls: 12, cost_usd: 0.2345, pct_of_total: 19 }],
  by_provider: [{ provider: "simulated", api_calls: 40, prompt_tokens: 110_000, completion_tokens: 28_000, cost_usd: 1.2, pct_of_total: 97.2 }],
  by_model: [
    { model: "claude-sonnet-4-5", provider: "simulated", api_calls: 40, cost_usd: 1.2, pct_of_total: 97.2 },
    { model: "llama3.2", provider: "ollama", api_calls: 2, cost_usd: 0, pct_of_total: 0 },
  ],
};

export function me(overrides: Partial<Me> = {}): Me {
  return { ...admin, has_password: true, linked_providers: ["github"], ...overrides };
}

export const apiKeys: ApiKey[] = [
  { id: "k1", key_prefix: "orch_1a2b3c4", name: "laptop CLI", is_active: true, created_at: NOW - 3600, last_used_at: NOW - 60 },
  { id: "k2", key_prefix: "orch_9f8e7d6", name: "old script", is_active: false, created_at: NOW - 86_400, last_used_at: null },
];

export const oidcProviders: OidcProvider[] = [
  { name: "github", display_name: "GitHub" },
  { name: "google", display_name: "Google" },
];

export const identities: OidcIdentity[] = [{ provider: "github", provider_email: "ada@users.github.example", created_at: NOW - 7200 }];

export function checkpoint(overrides: Partial<Checkpoint> = {}): Checkpoint {
  return {
    id: "cp1", project_id: "p1", task_id: "t2", task_title: "Write RUN.md", checkpoint_type: "verification_exhausted",
    summary: "Write RUN.md failed verification 3 times: the run command is missing.",
    attempts: [
      { message: "gaps_found: no run command", timestamp: NOW - 300 },
      { message: "gaps_found: command names a file that does not exist", timestamp: NOW - 200 },
    ],
    errors: ["The run command is missing.", "python3 hello_world.py names a file that does not exist."],
    question: "Which command should RUN.md tell people to use?", response: null, resolution: null, created_at: NOW - 100, resolved_at: null,
    ...overrides,
  };
}
