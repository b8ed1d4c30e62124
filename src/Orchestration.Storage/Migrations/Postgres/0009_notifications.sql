-- Webhook deliveries (../0009_notifications.sql, the outbox): one row per event and receiver, sent by a background sender and retried with backoff
-- until delivered or out of attempts. The body is fixed when the row is made, so every attempt sends the same bytes.
-- The receiver's secret is never stored: the sender looks it up in the config by url. A node claims a due row by
-- setting lease_until; a node that dies mid-send leaves it to be claimed again when the lease runs out.
CREATE TABLE notification_deliveries (
    id                TEXT PRIMARY KEY,
    project_id        TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id           TEXT,
    event_seq         BIGINT NOT NULL,
    event_type        TEXT NOT NULL,
    kind              TEXT NOT NULL,
    url               TEXT NOT NULL,
    body              TEXT NOT NULL,
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_status_code  INTEGER,
    last_error        TEXT,
    created_at        DOUBLE PRECISION NOT NULL,
    next_attempt_at   DOUBLE PRECISION,
    lease_until       DOUBLE PRECISION,
    delivered_at      DOUBLE PRECISION,
    UNIQUE (project_id, event_seq, url)
);
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_notification_deliveries_project ON notification_deliveries(project_id, created_at DESC);
