-- Live queue / virtual waiting room. The rows are the truth; sockets only announce changes.
CREATE TABLE queue_doctors (
  doctor_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  -- Bumped by every change (and row-locked while it is made): clients drop older position updates.
  version bigint NOT NULL DEFAULT 0,
  -- Rolling median of the doctor's recent consultation durations; NULL until the first visit ends.
  median_consult_s int,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE queue_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('appointment', 'walk_in')),
  -- No foreign key yet: the appointments table arrives with the booking issue.
  appointment_id uuid,
  status text NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'called', 'in_call', 'done', 'left', 'no_show')),
  -- Advisory priority from the AI symptom check (1 = most urgent); the doctor's override wins.
  triage_priority smallint CHECK (triage_priority BETWEEN 1 AND 5),
  triage_summary text NOT NULL DEFAULT '',
  priority_override smallint CHECK (priority_override BETWEEN 1 AND 5),
  -- Order inside a priority band; skip and the one no-show requeue move it to the back.
  enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  no_show_count smallint NOT NULL DEFAULT 0,
  room_id text,
  called_at timestamptz,
  started_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'appointment') = (appointment_id IS NOT NULL))
);
-- A patient holds at most one live place per doctor.
CREATE UNIQUE INDEX queue_entries_active_key ON queue_entries (doctor_id, patient_id)
  WHERE status IN ('waiting', 'called', 'in_call');
CREATE INDEX queue_entries_waiting_idx ON queue_entries (doctor_id, enqueued_at) WHERE status = 'waiting';
CREATE INDEX queue_entries_called_idx ON queue_entries (called_at) WHERE status = 'called';
CREATE INDEX queue_entries_done_idx ON queue_entries (doctor_id, ended_at DESC) WHERE status = 'done';
CREATE INDEX queue_entries_patient_idx ON queue_entries (patient_id) WHERE status IN ('waiting', 'called', 'in_call');
