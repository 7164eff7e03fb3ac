-- Idempotency-Key support for unsafe requests (api/src/http/idempotency.ts), shared by booking and payments.
-- The row is inserted first in the same transaction as the work (a concurrent duplicate waits on the
-- primary key), and completed with the response before commit: committed rows always have one.
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code int,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
