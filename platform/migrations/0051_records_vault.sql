-- Records vault (issue 9): encrypted files, structured visit records, consent, emergency access.
-- users rows are never hard-deleted by the application (account deletion anonymises them, see
-- api/src/records/RETENTION.md); the cascades below only matter for development reseeding.

-- Files: the bytes live in the object store (local directory or S3), encrypted with a per-file data
-- key; the data key is stored here wrapped (AES-256-GCM) by the master key named in key_id.
CREATE TABLE record_files (
  id uuid PRIMARY KEY,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'deleted')),
  filename text,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  storage_key text NOT NULL,
  enc_version smallint NOT NULL DEFAULT 1,
  chunk_size int NOT NULL,
  nonce_prefix bytea,
  key_id text,
  wrapped_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  -- A deleted file keeps no key material: the ciphertext, wherever a copy survives, is unreadable.
  CHECK (status <> 'deleted' OR (wrapped_key IS NULL AND nonce_prefix IS NULL AND filename IS NULL)),
  CHECK (status = 'deleted' OR (wrapped_key IS NOT NULL AND nonce_prefix IS NOT NULL AND key_id IS NOT NULL))
);
CREATE INDEX record_files_patient_idx ON record_files (patient_id, created_at DESC);
CREATE INDEX record_files_key_idx ON record_files (key_id) WHERE status <> 'deleted';
CREATE INDEX record_files_pending_idx ON record_files (created_at) WHERE status = 'pending';

-- Visit records written from consultations. appointment_id has no foreign key yet: the appointments
-- table is owned by booking and may not exist when this runs.
CREATE TABLE visit_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  doctor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Who wrote it, as it read at the time: the record stays attributable if the account goes.
  doctor_name text NOT NULL,
  appointment_id uuid,
  visit_at timestamptz NOT NULL DEFAULT now(),
  notes text NOT NULL DEFAULT '',
  diagnoses jsonb NOT NULL DEFAULT '[]',
  vitals jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_records_patient_idx ON visit_records (patient_id, visit_at DESC);
CREATE INDEX visit_records_doctor_idx ON visit_records (doctor_id, visit_at DESC);
CREATE INDEX visit_records_appointment_idx ON visit_records (appointment_id) WHERE appointment_id IS NOT NULL;

CREATE TABLE prescriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id uuid NOT NULL REFERENCES visit_records (id) ON DELETE CASCADE,
  position int NOT NULL,
  drug text NOT NULL,
  dose text NOT NULL,
  route text NOT NULL,
  frequency text NOT NULL,
  duration text NOT NULL,
  instructions text,
  UNIQUE (visit_id, position)
);

CREATE TABLE lab_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id uuid NOT NULL REFERENCES visit_records (id) ON DELETE CASCADE,
  position int NOT NULL,
  test text NOT NULL,
  value text NOT NULL,
  unit text,
  reference_range text,
  flag text CHECK (flag IN ('normal', 'low', 'high', 'critical')),
  observed_at timestamptz,
  UNIQUE (visit_id, position)
);

-- A patient's grant to a doctor: all records, or one record (file or visit), optionally until a time.
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  doctor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope text NOT NULL CHECK (scope IN ('all', 'record')),
  record_type text CHECK (record_type IN ('file', 'visit')),
  record_id uuid,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((scope = 'all') = (record_id IS NULL)),
  CHECK ((record_id IS NULL) = (record_type IS NULL))
);
CREATE INDEX consents_lookup_idx ON consents (patient_id, doctor_id) WHERE revoked_at IS NULL;
CREATE INDEX consents_doctor_idx ON consents (doctor_id) WHERE revoked_at IS NULL;

-- Break-glass access: granted at once for a few hours, reviewed by an admin afterwards.
CREATE TABLE emergency_access (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  doctor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  justification text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  review_status text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'approved', 'flagged')),
  reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  reviewed_at timestamptz,
  review_note text,
  CHECK (expires_at > granted_at)
);
CREATE INDEX emergency_access_lookup_idx ON emergency_access (patient_id, doctor_id, expires_at);
CREATE INDEX emergency_access_review_idx ON emergency_access (review_status, granted_at);

-- Accounts erased at the holder's request (the users row stays, anonymised, for retained records).
CREATE TABLE account_erasures (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  erased_at timestamptz NOT NULL DEFAULT now(),
  files_erased int NOT NULL,
  visits_retained int NOT NULL
);
