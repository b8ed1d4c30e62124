-- External sign-in identities (../0006_oidc_identities.sql), linked to local users.
CREATE TABLE user_identities (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    provider          TEXT NOT NULL,
    provider_user_id  TEXT NOT NULL,
    provider_email    TEXT,
    created_at        DOUBLE PRECISION NOT NULL,
    UNIQUE (provider, provider_user_id),
    UNIQUE (user_id, provider)
);
