-- The servers (nodes) sharing this database, each with its last heartbeat: a node whose heartbeat is older than the
-- lease time is dead, and its budget reservations are released (its tasks' leases expire at the same time).
CREATE TABLE cluster_nodes (
    id            TEXT PRIMARY KEY,
    address       TEXT,
    started_at    DOUBLE PRECISION NOT NULL,
    heartbeat_at  DOUBLE PRECISION NOT NULL
);

-- Every stored event wakes the other nodes: 'project_id seq type task_id writer' on channel orch_events (task_id empty
-- for a project's own events), sent when the transaction commits (so in commit order, which is seq order within a
-- project). The writer is the connection's application_name, which each node sets to its own id; a node skips what it
-- wrote itself. The payload says what happened and where to read the rest: the events table stays the truth, and a
-- lost notification is caught up from it.
CREATE FUNCTION orch_notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('orch_events', NEW.project_id || ' ' || NEW.seq || ' ' || NEW.type || ' ' || COALESCE(NEW.task_id, '') || ' '
        || current_setting('application_name'));
    RETURN NULL;
END;
$$;
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION orch_notify_event();

-- The key ring that signs stream tokens and sign-in state (ASP.NET Core data protection), shared by every node so a
-- token issued by one is accepted by all.
CREATE TABLE protection_keys (
    name        TEXT PRIMARY KEY,
    xml         TEXT NOT NULL,
    created_at  DOUBLE PRECISION NOT NULL
);
