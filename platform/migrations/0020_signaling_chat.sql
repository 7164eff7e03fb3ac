-- Chat for the signaling tier: patient–doctor conversations with a per-conversation sequence.
-- appointment_id has no foreign key yet: the appointments table arrives with the booking issue.
CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appointment_id uuid,
  -- Sending is allowed until then (follow-up window after the visit); NULL = no end set yet.
  open_until timestamptz,
  -- Last sequence number handed out; a message takes last_seq + 1 in the same statement.
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX conversations_appointment_key ON conversations (appointment_id) WHERE appointment_id IS NOT NULL;

-- One row per member (the patient and the doctor); receipts are high-water marks per member.
CREATE TABLE conversation_participants (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('patient', 'doctor')),
  delivered_seq bigint NOT NULL DEFAULT 0,
  read_seq bigint NOT NULL DEFAULT 0,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_participants_user_idx ON conversation_participants (user_id);

CREATE TABLE chat_messages (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  sender_id uuid NOT NULL REFERENCES users (id),
  -- Client-generated; makes a retried send a no-op (exactly-once effect).
  client_msg_id text NOT NULL,
  body text NOT NULL,
  -- [{ "recordId": uuid }]: references into the records module, never record content.
  attachments jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, sender_id, client_msg_id)
);

CREATE TABLE conversation_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users (id)
);
CREATE INDEX conversation_reports_conversation_idx ON conversation_reports (conversation_id);
CREATE INDEX conversation_reports_open_idx ON conversation_reports (created_at) WHERE resolved_at IS NULL;
