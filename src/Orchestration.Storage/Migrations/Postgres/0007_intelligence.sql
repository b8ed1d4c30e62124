-- Task intelligence (../0007_intelligence.sql): checkpoints that wait for a person, project knowledge carried into
-- later prompts, and the flags of partial (budget-stopped) and skipped tasks.

-- attempts_json: [{message, timestamp}]; errors_json: [text].
CREATE TABLE checkpoints (
    id               TEXT PRIMARY KEY,
    project_id       TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id          TEXT REFERENCES tasks(id) ON DELETE CASCADE,
    checkpoint_type  TEXT NOT NULL,
    summary          TEXT NOT NULL,
    attempts_json    TEXT NOT NULL DEFAULT '[]',
    errors_json      TEXT NOT NULL DEFAULT '[]',
    question         TEXT NOT NULL,
    resolution       TEXT,
    response         TEXT,
    created_at       DOUBLE PRECISION NOT NULL,
    resolved_at      DOUBLE PRECISION
);
CREATE INDEX ix_checkpoints_project ON checkpoints(project_id, created_at DESC);
-- NOTE: at most one open checkpoint per task, so resolving "the" checkpoint of a task is unambiguous.
CREATE UNIQUE INDEX ix_checkpoints_open_task ON checkpoints(task_id) WHERE resolved_at IS NULL;

-- content_key is the normalised content: one finding per project and key.
CREATE TABLE project_knowledge (
    id                 TEXT PRIMARY KEY,
    project_id         TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id            TEXT REFERENCES tasks(id) ON DELETE SET NULL,
    category           TEXT NOT NULL,
    content            TEXT NOT NULL,
    content_key        TEXT NOT NULL,
    source_task_title  TEXT,
    created_at         DOUBLE PRECISION NOT NULL,
    UNIQUE (project_id, content_key)
);
CREATE INDEX ix_project_knowledge_recent ON project_knowledge(project_id, created_at DESC);

ALTER TABLE tasks ADD COLUMN partial BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE tasks ADD COLUMN skipped BOOLEAN NOT NULL DEFAULT FALSE;
