-- Browser sessions (issue 11). The cookie carries 256 random bits; only their SHA-256 is kept,
-- so a copy of this table signs nobody in. Sign-out, a password change or reset, and disabling
-- the account set revoked_at; a session also ends at expires_at.
CREATE TABLE web_sessions (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    CONSTRAINT web_sessions_expire_after_creation CHECK (expires_at > created_at)
);

CREATE INDEX web_sessions_open_by_user ON web_sessions (user_id) WHERE revoked_at IS NULL;
