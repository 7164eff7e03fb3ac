-- Auth hardening (#21). Runs on PostgreSQL 15+ and on PGlite.

-- Access tokens carry the session version they were issued under; a password reset bumps it, so
-- every token issued before the reset is refused by the shared verification (API and socket).
ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0;

-- The last TOTP time step accepted for this account: a code is good once (compare-and-set on this).
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- A newer reset link, or a completed reset, retires every earlier link of the account.
ALTER TABLE password_resets ADD COLUMN revoked_at timestamptz;
CREATE INDEX password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL AND revoked_at IS NULL;
