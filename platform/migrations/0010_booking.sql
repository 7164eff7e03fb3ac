-- Scheduling and booking: weekly availability, dated exceptions, appointments. Runs on PostgreSQL 15+ and PGlite.
-- btree_gist comes from 0001 (doctor/patient uuid equality inside GiST exclusion constraints).

-- Weekly windows in the doctor's own zone (doctor_profiles.timezone), wall-clock minutes [start, end).
CREATE TABLE availability_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES doctor_profiles (user_id) ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
  start_minute int NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute int NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  CHECK (start_minute < end_minute)
);
CREATE INDEX availability_rules_doctor_idx ON availability_rules (doctor_id);

-- A civil day of the doctor's zone: 'off' without times = whole day off; 'off' with times = part of it; 'extra' = added hours.
CREATE TABLE availability_exceptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES doctor_profiles (user_id) ON DELETE CASCADE,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('off', 'extra')),
  start_minute int CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute int CHECK (end_minute BETWEEN 1 AND 1440),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((start_minute IS NULL) = (end_minute IS NULL)),
  CHECK (start_minute IS NULL OR start_minute < end_minute),
  CHECK (kind = 'off' OR start_minute IS NOT NULL)
);
CREATE INDEX availability_exceptions_doctor_day_idx ON availability_exceptions (doctor_id, day);

CREATE TABLE appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES doctor_profiles (user_id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- ends_at + the doctor's buffer at booking time: the span the doctor is unavailable for.
  blocked_until timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'expired', 'completed', 'no_show')),
  -- A pending appointment holds its slot until then. Past it the hold no longer counts: whoever next
  -- wants an overlapping range marks it 'expired' in their own transaction before inserting.
  hold_expires_at timestamptz,
  -- The doctor's fee at booking time, in minor units.
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  payment_ref text,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by uuid REFERENCES users (id) ON DELETE SET NULL,
  cancelled_by_role text CHECK (cancelled_by_role IN ('patient', 'doctor', 'admin')),
  cancel_reason text,
  refund_due_minor bigint CHECK (refund_due_minor >= 0),
  expired_at timestamptz,
  no_show_at timestamptz,
  -- iCalendar SEQUENCE of the invite: bumped on every reschedule and cancel.
  sequence int NOT NULL DEFAULT 0,
  reschedule_count int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_at < ends_at AND ends_at <= blocked_until),
  CHECK (status <> 'pending' OR hold_expires_at IS NOT NULL),
  -- Double-booking is impossible by construction: no two appointments that occupy time overlap for
  -- one doctor (including the buffer) or for one patient. Concurrent inserts wait on each other here.
  CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (doctor_id WITH =, tstzrange(starts_at, blocked_until) WITH &&)
    WHERE (status IN ('pending', 'confirmed', 'completed', 'no_show')),
  CONSTRAINT appointments_no_patient_overlap EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
    WHERE (status IN ('pending', 'confirmed', 'completed', 'no_show'))
);
CREATE INDEX appointments_patient_idx ON appointments (patient_id, starts_at);
CREATE INDEX appointments_doctor_idx ON appointments (doctor_id, starts_at);
CREATE INDEX appointments_hold_idx ON appointments (hold_expires_at) WHERE status = 'pending';
CREATE UNIQUE INDEX appointments_payment_ref_key ON appointments (payment_ref) WHERE payment_ref IS NOT NULL;

-- What happened to an appointment, for support and audit (no free text: reasons stay on the row).
CREATE TABLE appointment_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('created', 'confirmed', 'rescheduled', 'cancelled', 'expired', 'no_show')),
  actor_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_events_appointment_idx ON appointment_events (appointment_id, id);
