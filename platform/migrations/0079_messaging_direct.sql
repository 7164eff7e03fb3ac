-- Messages outside a consultation (issue 18): a patient writes to a doctor they have an appointment
-- with, in one "direct" conversation per (patient, doctor) pair; the doctor can close any of their
-- conversations (neither side can post then) and reopen it.
ALTER TABLE conversations
  ADD COLUMN direct_patient_id uuid REFERENCES users (id) ON DELETE CASCADE,
  ADD COLUMN direct_doctor_id uuid REFERENCES users (id) ON DELETE CASCADE,
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN close_note text CHECK (char_length(close_note) <= 500),
  ADD CONSTRAINT conversations_direct_pair CHECK ((direct_patient_id IS NULL) = (direct_doctor_id IS NULL)),
  ADD CONSTRAINT conversations_direct_not_visit CHECK (direct_patient_id IS NULL OR appointment_id IS NULL),
  ADD CONSTRAINT conversations_closed_by CHECK (closed_at IS NOT NULL OR (closed_by IS NULL AND close_note IS NULL));
-- One direct conversation per pair: two "Message the doctor" clicks at once share it.
CREATE UNIQUE INDEX conversations_direct_key ON conversations (direct_patient_id, direct_doctor_id)
  WHERE direct_patient_id IS NOT NULL;

-- The care link that lets a patient write to a doctor outside a visit: an appointment that was paid
-- for and not cancelled (upcoming or past: confirmed, completed, or missed). A pending hold, an
-- expired hold and a cancelled visit (cancelled before it ever happened) give none. Written once, in
-- SQL, because the send statements below check it on every message of a direct conversation.
CREATE FUNCTION messaging_care_link(patient uuid, doctor uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM appointments a
                  WHERE a.patient_id = patient AND a.doctor_id = doctor
                    AND a.status IN ('confirmed', 'completed', 'no_show'))
$$;

-- Whether a conversation takes messages now: inside its follow-up window (visit chats), not closed by
-- the doctor, and for a direct conversation while the care link holds.
CREATE FUNCTION chat_conversation_writable(open_until timestamptz, closed_at timestamptz,
                                           direct_patient_id uuid, direct_doctor_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT (open_until IS NULL OR open_until > now())
     AND closed_at IS NULL
     AND CASE WHEN direct_patient_id IS NULL THEN true
              ELSE messaging_care_link(direct_patient_id, direct_doctor_id) END
$$;

-- chat_append_batch (0023) with the writability rule above instead of the window alone.
CREATE OR REPLACE FUNCTION chat_append_batch(batch jsonb)
RETURNS TABLE (ord bigint, seq bigint, id uuid, created_ms float8)
LANGUAGE sql AS $$
WITH input AS (
  SELECT i.ord, (i.m->>'c')::uuid AS conversation_id, (i.m->>'s')::uuid AS sender_id,
         i.m->>'k' AS client_msg_id, i.m->>'b' AS body, COALESCE(i.m->'a', '[]'::jsonb) AS attachments
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS i(m, ord)
), ok AS (
  SELECT i.* FROM input i
    JOIN conversations c ON c.id = i.conversation_id
     AND chat_conversation_writable(c.open_until, c.closed_at, c.direct_patient_id, c.direct_doctor_id)
   WHERE EXISTS (SELECT 1 FROM conversation_participants p
                  WHERE p.conversation_id = i.conversation_id AND p.user_id = i.sender_id)
     AND NOT EXISTS (SELECT 1 FROM chat_messages m
                      WHERE m.conversation_id = i.conversation_id AND m.sender_id = i.sender_id
                        AND m.client_msg_id = i.client_msg_id)
     AND i.ord = (SELECT min(j.ord) FROM input j
                   WHERE j.conversation_id = i.conversation_id AND j.sender_id = i.sender_id
                     AND j.client_msg_id = i.client_msg_id)
), counts AS (
  SELECT conversation_id, count(*) AS n FROM ok GROUP BY conversation_id
), bumped AS (
  UPDATE conversations c SET last_seq = c.last_seq + counts.n
    FROM counts WHERE c.id = counts.conversation_id
  RETURNING c.id, c.last_seq - counts.n AS base
), numbered AS (
  SELECT ok.*, b.base + row_number() OVER (PARTITION BY ok.conversation_id ORDER BY ok.ord) AS seq
    FROM ok JOIN bumped b ON b.id = ok.conversation_id
), ins AS (
  INSERT INTO chat_messages (conversation_id, seq, sender_id, client_msg_id, body, attachments)
  SELECT conversation_id, seq, sender_id, client_msg_id, body, attachments FROM numbered
  RETURNING conversation_id, sender_id, client_msg_id, seq, id, created_at
)
SELECT n.ord, ins.seq, ins.id, (extract(epoch FROM ins.created_at) * 1000)::float8
  FROM ins JOIN numbered n USING (conversation_id, sender_id, client_msg_id)
$$;
