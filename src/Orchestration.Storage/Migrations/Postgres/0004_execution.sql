-- Execution (../0004_execution.sql): run numbers for the event stream, retry counters, and indexes for the
-- executor's queries.

-- One row per project that has ever been executed; `run` grows by one on every execute.
CREATE TABLE execution_runs (
    project_id  TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    run         BIGINT NOT NULL,
    started_at  DOUBLE PRECISION NOT NULL
);

ALTER TABLE tasks ADD COLUMN auto_retries_used BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN manual_retries BIGINT NOT NULL DEFAULT 0;

CREATE INDEX ix_exec_events_run ON events(project_id, run, seq);
CREATE INDEX ix_exec_tasks_running ON tasks(lease_expires_at) WHERE status = 'running';
CREATE INDEX ix_exec_projects_status ON projects(status);

-- PostgreSQL only: a top-level field of a JSON text as text, or NULL when the text is not valid JSON (SQLite's
-- json_valid + json_extract). A plan's summary is read this way: plans can be large and only the summary is needed.
CREATE FUNCTION json_field_or_null(doc TEXT, field TEXT) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN doc::jsonb ->> field;
EXCEPTION WHEN invalid_text_representation THEN
    RETURN NULL;
END
$$;
