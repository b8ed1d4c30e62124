-- Execution: run numbers for the event stream, retry counters, and indexes for the executor's queries.

-- One row per project that has ever been executed; `run` grows by one on every execute, and every event
-- carries the run it belongs to, so a fresh stream can replay the current run from its start.
CREATE TABLE execution_runs (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    run         INTEGER NOT NULL,
    started_at  REAL NOT NULL
);

-- Automatic retries used since the last manual retry (bounded by execution.auto_retries), and the retries a
-- user added by hand (bounded by execution.max_task_retries). retry_count stays the total shown by the API.
ALTER TABLE tasks ADD COLUMN auto_retries_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN manual_retries INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_exec_events_run ON events(project_id, run, seq);
-- Only running rows are ever looked up by lease (recovery); a partial index costs nothing for the others.
CREATE INDEX ix_exec_tasks_running ON tasks(lease_expires_at) WHERE status = 'running';
CREATE INDEX ix_exec_projects_status ON projects(status);
