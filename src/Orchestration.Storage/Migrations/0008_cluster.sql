-- The servers (nodes) sharing this database, each with its last heartbeat. One SQLite file has one server; the table
-- is kept on both backends so their schemas stay alike.
CREATE TABLE cluster_nodes (
    id            TEXT PRIMARY KEY,
    address       TEXT,
    started_at    REAL NOT NULL,
    heartbeat_at  REAL NOT NULL
);

-- The key ring that signs stream tokens and sign-in state, when it is kept in the database (PostgreSQL nodes share
-- it; one SQLite server keeps its ring in the data directory, and the table stays empty).
CREATE TABLE protection_keys (
    name        TEXT PRIMARY KEY,
    xml         TEXT NOT NULL,
    created_at  REAL NOT NULL
);
