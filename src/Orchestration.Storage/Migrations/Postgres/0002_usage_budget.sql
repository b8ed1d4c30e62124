-- Usage records and the budget ledger (../0002_usage_budget.sql). Money is whole nano-dollars (BIGINT); timestamps
-- are epoch seconds (DOUBLE PRECISION).

-- One row per model call, kept forever. NOTE: project_id has no foreign key and project_name is copied at write
-- time, so deleting a project (or a user) leaves the spend history true.
CREATE TABLE usage_records (
    id                  TEXT PRIMARY KEY,
    created_at          DOUBLE PRECISION NOT NULL,
    user_id             TEXT NOT NULL,
    project_id          TEXT,
    project_name        TEXT,
    task_id             TEXT,
    purpose             TEXT NOT NULL,
    provider            TEXT NOT NULL,
    model               TEXT NOT NULL,
    prompt_tokens       BIGINT NOT NULL DEFAULT 0,
    completion_tokens   BIGINT NOT NULL DEFAULT 0,
    cache_write_tokens  BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens   BIGINT NOT NULL DEFAULT 0,
    cost_nanos          BIGINT NOT NULL DEFAULT 0,
    latency_ms          DOUBLE PRECISION NOT NULL DEFAULT 0,
    outcome             TEXT NOT NULL
);
CREATE INDEX ix_usage_records_created ON usage_records(created_at);
CREATE INDEX ix_usage_records_user ON usage_records(user_id, created_at);
CREATE INDEX ix_usage_records_project ON usage_records(project_id, created_at);

-- Worst-case amounts held for calls in flight. owner is the process instance that made the reservation: a new
-- instance releases the others' rows at startup, and any row whose lease has expired is released by the sweep.
-- NOTE: it only ever holds the calls in flight (tens of rows), so it has no secondary index.
CREATE TABLE budget_reservations (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL,
    project_id        TEXT,
    amount_nanos      BIGINT NOT NULL,
    created_at        DOUBLE PRECISION NOT NULL,
    owner             TEXT NOT NULL,
    lease_expires_at  DOUBLE PRECISION NOT NULL
);

-- Settled spend per cap period, kept in step with usage_records in the same transaction (scope: day|month|project;
-- period: YYYY-MM-DD | YYYY-MM | project id).
CREATE TABLE budget_totals (
    scope        TEXT NOT NULL,
    period       TEXT NOT NULL,
    spent_nanos  BIGINT NOT NULL,
    PRIMARY KEY (scope, period)
);
