-- A consultation is the call of one room: an appointment's (room id = appointment id) or a queue
-- visit's (room id = queue entry id). Start and end come from the SFU: two participants present,
-- then the last one gone.
CREATE TABLE consultations (
  room_id text PRIMARY KEY,
  appointment_id uuid REFERENCES appointments (id) ON DELETE SET NULL,
  queue_entry_id uuid REFERENCES queue_entries (id) ON DELETE SET NULL,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  doctor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  started_at timestamptz,
  ended_at timestamptz,
  duration_ms bigint CHECK (duration_ms >= 0),
  ended_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consultations_doctor_idx ON consultations (doctor_id, started_at DESC);
CREATE INDEX consultations_patient_idx ON consultations (patient_id, started_at DESC);

-- Single-use invitations from the doctor for an interpreter or caregiver (who signs in to redeem).
CREATE TABLE call_invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  room_id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label text NOT NULL DEFAULT '',
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE call_guests (
  room_id text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  invite_id uuid NOT NULL REFERENCES call_invites (id) ON DELETE CASCADE,
  removed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id)
);
