-- The servers (nodes) sharing this database, each with its last heartbeat. One SQLite file has one server; the table
-- is kept on both backends so their schemas stay alike.
CREATE TABLE cluster_nodes (
    id            TEXT PRIMARY KEY,
    address       TEXT,
    started_at    REAL NOT NULL,
    heartbeat_at  REAL NOT NULL
);
