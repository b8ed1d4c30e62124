-- Foundation schema. Timestamps are Unix epoch seconds (REAL). Money is whole nano-dollars (INTEGER).
-- Ids are 32-hex strings. JSON columns hold text written by the application.

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL COLLATE NOCASE UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT,
    role            TEXT NOT NULL,
    is_active       INTEGER NOT NULL DEFAULT 1,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    first_failed_at REAL,
    locked_until    REAL,
    created_at      REAL NOT NULL,
    last_login_at   REAL
);

CREATE TABLE refresh_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family_id   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  REAL NOT NULL,
    expires_at  REAL NOT NULL,
    used_at     REAL,
    revoked_at  REAL
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens(family_id);

CREATE TABLE projects (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    requirements    TEXT NOT NULL,
    status          TEXT NOT NULL,
    status_reason   TEXT,
    planning_rigor  TEXT NOT NULL,
    config          TEXT NOT NULL DEFAULT '{}',
    created_at      REAL NOT NULL,
    updated_at      REAL NOT NULL,
    completed_at    REAL
);
CREATE INDEX ix_projects_owner ON projects(owner_id, created_at DESC);

CREATE TABLE plans (
    id                  TEXT PRIMARY KEY,
    project_id          TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    version             INTEGER NOT NULL,
    status              TEXT NOT NULL,
    plan_json           TEXT NOT NULL,
    forecast_json       TEXT NOT NULL DEFAULT '{}',
    requirements_json   TEXT NOT NULL DEFAULT '[]',
    model_used          TEXT,
    prompt_tokens       INTEGER NOT NULL DEFAULT 0,
    completion_tokens   INTEGER NOT NULL DEFAULT 0,
    cost_nanos          INTEGER NOT NULL DEFAULT 0,
    created_at          REAL NOT NULL,
    approved_at         REAL,
    UNIQUE (project_id, version)
);

CREATE TABLE tasks (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    plan_id               TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    task_index            INTEGER NOT NULL,
    title                 TEXT NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    task_type             TEXT NOT NULL,
    complexity            TEXT NOT NULL DEFAULT 'medium',
    status                TEXT NOT NULL,
    model_tier            TEXT NOT NULL,
    model_used            TEXT,
    priority              INTEGER NOT NULL DEFAULT 0,
    wave                  INTEGER NOT NULL DEFAULT 0,
    phase                 TEXT,
    tools_json            TEXT NOT NULL DEFAULT '[]',
    requirement_ids_json  TEXT NOT NULL DEFAULT '[]',
    verification_criteria TEXT,
    affected_files_json   TEXT NOT NULL DEFAULT '[]',
    max_tokens            INTEGER,
    prompt_tokens         INTEGER NOT NULL DEFAULT 0,
    completion_tokens     INTEGER NOT NULL DEFAULT 0,
    cost_nanos            INTEGER NOT NULL DEFAULT 0,
    output_text           TEXT,
    output_artifacts_json TEXT NOT NULL DEFAULT '[]',
    verification_status   TEXT,
    verification_notes    TEXT,
    error                 TEXT,
    retry_count           INTEGER NOT NULL DEFAULT 0,
    attempt_count         INTEGER NOT NULL DEFAULT 0,
    feedback_json         TEXT NOT NULL DEFAULT '[]',
    lease_owner           TEXT,
    lease_expires_at      REAL,
    not_before            REAL,
    started_at            REAL,
    completed_at          REAL,
    created_at            REAL NOT NULL,
    updated_at            REAL NOT NULL
);
CREATE INDEX ix_tasks_project ON tasks(project_id, status);

CREATE TABLE task_dependencies (
    task_id        TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    depends_on_id  TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, depends_on_id)
);
CREATE INDEX ix_task_dependencies_reverse ON task_dependencies(depends_on_id);

CREATE TABLE events (
    project_id  TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    run         INTEGER NOT NULL DEFAULT 0,
    type        TEXT NOT NULL,
    message     TEXT NOT NULL,
    task_id     TEXT,
    data_json   TEXT NOT NULL DEFAULT '{}',
    created_at  REAL NOT NULL,
    PRIMARY KEY (project_id, seq)
);
