-- Payments answer Idempotency-Key through the shared idempotency_keys table (api/src/http/idempotency.ts,
-- claim -> work -> record) like every other unsafe request; the per-payment key columns go.
DROP INDEX IF EXISTS payments_idempotency_key;
ALTER TABLE payments DROP COLUMN idempotency_key, DROP COLUMN request_hash;
