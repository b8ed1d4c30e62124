-- API keys (../0005_api_keys.sql): shown once at creation, stored as SHA-256 hashes; usable as Bearer tokens.
CREATE TABLE api_keys (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    key_hash      TEXT NOT NULL UNIQUE,
    key_prefix    TEXT NOT NULL,
    is_active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    DOUBLE PRECISION NOT NULL,
    last_used_at  DOUBLE PRECISION
);
CREATE INDEX ix_api_keys_user ON api_keys(user_id, created_at DESC);
