-- Tamper-evident audit log of every read and change of PHI (issue 9).
-- Each entry carries the SHA-256 of the previous one (hash chain, computed by api/src/audit/chain.ts);
-- appends are serialized by a row lock on audit_chain_head so concurrent writers never fork the chain.
-- No foreign keys: entries must outlive (and never block the anonymisation of) the accounts they name.

CREATE TABLE audit_chain_head (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  id uuid NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text,
  action text NOT NULL,
  subject_id uuid,
  record_type text,
  record_id text,
  reason text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, seq);
CREATE INDEX audit_log_action_idx ON audit_log (action, seq);

-- Append-only: the database itself refuses to change or remove an entry.
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_immutable();
-- ALWAYS: the triggers fire even under session_replication_role = replica; bypassing them takes an
-- explicit ALTER TABLE ... DISABLE TRIGGER by the owner or a superuser (which verify then exposes).
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;

-- The head only ever moves forward by one entry and is never removed.
CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.seq <> OLD.seq + 1 THEN
    RAISE EXCEPTION 'audit_chain_head only advances by one entry' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();
ALTER TABLE audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_forward;

-- Privileges as a second line: nobody (not even the owning role, unless it re-grants itself) may
-- UPDATE, DELETE or TRUNCATE entries. Superusers bypass privileges, hence the triggers above.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;
REVOKE DELETE, TRUNCATE ON audit_chain_head FROM PUBLIC;
REVOKE DELETE, TRUNCATE ON audit_chain_head FROM CURRENT_USER;
