-- Foundation schema, the PostgreSQL dialect of ../0001_foundation.sql: the same tables, columns and constraints.
-- Types are chosen so that rows map to the same C# records as on SQLite: epoch seconds are DOUBLE PRECISION (REAL),
-- integers and money (whole nano-dollars) are BIGINT (SQLite's INTEGER is 64-bit), flags are BOOLEAN, JSON is TEXT
-- written by the application.

-- SQLite's COLLATE NOCASE: e-mail addresses compare and are unique regardless of case, with the same SQL.
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL COLLATE nocase UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT,
    role            TEXT NOT NULL,
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    failed_logins   BIGINT NOT NULL DEFAULT 0,
    first_failed_at DOUBLE PRECISION,
    locked_until    DOUBLE PRECISION,
    created_at      DOUBLE PRECISION NOT NULL,
    last_login_at   DOUBLE PRECISION
);

CREATE TABLE refresh_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family_id   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  DOUBLE PRECISION NOT NULL,
    expires_at  DOUBLE PRECISION NOT NULL,
    used_at     DOUBLE PRECISION,
    revoked_at  DOUBLE PRECISION
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
    created_at      DOUBLE PRECISION NOT NULL,
    updated_at      DOUBLE PRECISION NOT NULL,
    completed_at    DOUBLE PRECISION
);
CREATE INDEX ix_projects_owner ON projects(owner_id, created_at DESC);

CREATE TABLE plans (
    id                  TEXT PRIMARY KEY,
    project_id          TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    version             BIGINT NOT NULL,
    status              TEXT NOT NULL,
    plan_json           TEXT NOT NULL,
    forecast_json       TEXT NOT NULL DEFAULT '{}',
    requirements_json   TEXT NOT NULL DEFAULT '[]',
    model_used          TEXT,
    prompt_tokens       BIGINT NOT NULL DEFAULT 0,
    completion_tokens   BIGINT NOT NULL DEFAULT 0,
    cost_nanos          BIGINT NOT NULL DEFAULT 0,
    created_at          DOUBLE PRECISION NOT NULL,
    approved_at         DOUBLE PRECISION,
    UNIQUE (project_id, version)
);

CREATE TABLE tasks (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    plan_id               TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    task_index            BIGINT NOT NULL,
    title                 TEXT NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    task_type             TEXT NOT NULL,
    complexity            TEXT NOT NULL DEFAULT 'medium',
    status                TEXT NOT NULL,
    model_tier            TEXT NOT NULL,
    model_used            TEXT,
    priority              BIGINT NOT NULL DEFAULT 0,
    wave                  BIGINT NOT NULL DEFAULT 0,
    phase                 TEXT,
    tools_json            TEXT NOT NULL DEFAULT '[]',
    requirement_ids_json  TEXT NOT NULL DEFAULT '[]',
    verification_criteria TEXT,
    affected_files_json   TEXT NOT NULL DEFAULT '[]',
    max_tokens            BIGINT,
    prompt_tokens         BIGINT NOT NULL DEFAULT 0,
    completion_tokens     BIGINT NOT NULL DEFAULT 0,
    cost_nanos            BIGINT NOT NULL DEFAULT 0,
    output_text           TEXT,
    output_artifacts_json TEXT NOT NULL DEFAULT '[]',
    verification_status   TEXT,
    verification_notes    TEXT,
    error                 TEXT,
    retry_count           BIGINT NOT NULL DEFAULT 0,
    attempt_count         BIGINT NOT NULL DEFAULT 0,
    feedback_json         TEXT NOT NULL DEFAULT '[]',
    lease_owner           TEXT,
    lease_expires_at      DOUBLE PRECISION,
    not_before            DOUBLE PRECISION,
    started_at            DOUBLE PRECISION,
    completed_at          DOUBLE PRECISION,
    created_at            DOUBLE PRECISION NOT NULL,
    updated_at            DOUBLE PRECISION NOT NULL
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
    seq         BIGINT NOT NULL,
    run         BIGINT NOT NULL DEFAULT 0,
    type        TEXT NOT NULL,
    message     TEXT NOT NULL,
    task_id     TEXT,
    data_json   TEXT NOT NULL DEFAULT '{}',
    created_at  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (project_id, seq)
);

-- PostgreSQL only: the last event number of each project. NOTE: an append bumps it with UPDATE ... RETURNING inside
-- its transaction, which holds the row lock until commit: numbers are gapless (a rollback gives its number back) and
-- their order is commit order, however many connections and servers append. SQLite gets the same from its one writer.
CREATE TABLE event_sequences (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL
);
