-- The patient's health profile (issue 19): one sealed document per patient. The whole profile is
-- PHI, so nothing of it is a column: it is AES-256-GCM under a per-profile data key, and the data key
-- is stored wrapped by the records master key (key_id names it), as record files are. `version`
-- increments on every write, so two editors cannot silently overwrite each other (the API compares).
CREATE TABLE health_profiles (
  patient_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  key_id text NOT NULL,
  wrapped_key bytea NOT NULL,
  nonce bytea NOT NULL,
  ciphertext bytea NOT NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX health_profiles_key_idx ON health_profiles (key_id);

-- A doctor's decision to prescribe despite a safety warning (allergy, duplicate, age), with the
-- reason they gave. One row per overridden prescription; `warnings` holds the warnings as shown.
CREATE TABLE prescription_overrides (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  prescription_id uuid NOT NULL UNIQUE REFERENCES prescriptions (id) ON DELETE CASCADE,
  doctor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 1000),
  warnings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
