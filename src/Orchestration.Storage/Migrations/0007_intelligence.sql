-- Task intelligence: checkpoints that wait for a person, project knowledge carried into later prompts, and the
-- flags of partial (budget-stopped) and skipped tasks.

-- A task whose automatic attempts are used up waits here (the task itself is needs_review) until a person resolves
-- it with retry, skip or fail. attempts_json: [{message, timestamp}]; errors_json: [text].
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
    created_at       REAL NOT NULL,
    resolved_at      REAL
);
CREATE INDEX ix_checkpoints_project ON checkpoints(project_id, created_at DESC);
-- NOTE: at most one open checkpoint per task, so resolving "the" checkpoint of a task is unambiguous.
CREATE UNIQUE INDEX ix_checkpoints_open_task ON checkpoints(task_id) WHERE resolved_at IS NULL;

-- Findings extracted from completed tasks (or given as a checkpoint's gotcha). content_key is the normalised
-- content: one finding per project and key. The source title is copied so a finding outlives a replaced plan.
CREATE TABLE project_knowledge (
    id                 TEXT PRIMARY KEY,
    project_id         TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id            TEXT REFERENCES tasks(id) ON DELETE SET NULL,
    category           TEXT NOT NULL,
    content            TEXT NOT NULL,
    content_key        TEXT NOT NULL,
    source_task_title  TEXT,
    created_at         REAL NOT NULL,
    UNIQUE (project_id, content_key)
);
CREATE INDEX ix_project_knowledge_recent ON project_knowledge(project_id, created_at DESC);

-- partial: the budget stopped the tool loop and the output is what was done by then.
-- skipped: a person skipped the task at a checkpoint; dependants run without its output.
ALTER TABLE tasks ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
