-- Issue 15: the booked visit end to end. Why the patient comes (reason, new or follow-up), when they
-- arrived (joining the call checks them in), when it was completed, and the doctor's proposals (a new
-- time for a booked visit, a follow-up after one) that the patient accepts in one click.
-- Only depends on 0010 (appointments), so it runs on a fresh database and on one already past 0061.

-- Free text from the patient, shown to the doctor before the call. Never in emails or logs; it goes
-- to an AI only through the redactor.
ALTER TABLE appointments ADD COLUMN visit_reason text NOT NULL DEFAULT '' CHECK (length(visit_reason) <= 1000);
ALTER TABLE appointments ADD COLUMN visit_type text NOT NULL DEFAULT 'new' CHECK (visit_type IN ('new', 'follow_up'));
ALTER TABLE appointments ADD COLUMN follow_up_of uuid REFERENCES appointments (id) ON DELETE SET NULL;
ALTER TABLE appointments ADD COLUMN checked_in_at timestamptz;
ALTER TABLE appointments ADD COLUMN completed_at timestamptz;
ALTER TABLE appointments ADD CONSTRAINT appointments_follow_up_type_check CHECK (follow_up_of IS NULL OR visit_type = 'follow_up');
-- The sweeper looks for confirmed visits whose call window has closed.
CREATE INDEX appointments_confirmed_end_idx ON appointments (ends_at) WHERE status = 'confirmed';

ALTER TABLE appointment_events DROP CONSTRAINT appointment_events_kind_check;
ALTER TABLE appointment_events ADD CONSTRAINT appointment_events_kind_check CHECK (kind IN (
  'created', 'confirmed', 'rescheduled', 'cancelled', 'expired', 'no_show', 'checked_in', 'completed',
  'proposal_created', 'proposal_accepted', 'proposal_declined'));

-- A doctor's proposal to a patient: 'reschedule' moves the booked visit `appointment_id` to
-- `starts_at`; 'follow_up' books a new visit at `starts_at` after the visit `appointment_id`. The
-- slot is not held: accepting books it then, or answers SLOT_TAKEN.
CREATE TABLE appointment_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('reschedule', 'follow_up')),
  appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  doctor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  -- The doctor's words to the patient ("review of the blood tests"); becomes the follow-up's reason.
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn')),
  -- The follow-up visit booked by accepting.
  result_appointment_id uuid REFERENCES appointments (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  CHECK ((status = 'open') = (decided_at IS NULL))
);
-- One open proposal of each kind per visit: a new one replaces (withdraws) the old in the same transaction.
CREATE UNIQUE INDEX appointment_proposals_open_key ON appointment_proposals (appointment_id, kind) WHERE status = 'open';
CREATE INDEX appointment_proposals_patient_idx ON appointment_proposals (patient_id, created_at DESC);
