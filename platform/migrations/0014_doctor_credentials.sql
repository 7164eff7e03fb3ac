-- Issue 15: doctors join through the app. What an admin verifies a doctor against: the medical
-- council registration, qualifications and experience, and the review's outcome. A registration is
-- one doctor's: the same number at the same council cannot be claimed twice.
CREATE TABLE doctor_credentials (
  doctor_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  registration_number text NOT NULL CHECK (length(registration_number) BETWEEN 2 AND 40),
  registration_council text NOT NULL CHECK (length(registration_council) BETWEEN 2 AND 120),
  qualifications text[] NOT NULL CHECK (cardinality(qualifications) BETWEEN 1 AND 10),
  experience_years smallint NOT NULL CHECK (experience_years BETWEEN 0 AND 70),
  review_status text NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'verified', 'rejected')),
  -- Shown to the doctor and e-mailed to them; about the application, never about a patient.
  rejection_reason text,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((review_status = 'rejected') = (rejection_reason IS NOT NULL))
);
CREATE UNIQUE INDEX doctor_credentials_registration_key
  ON doctor_credentials (lower(registration_council), lower(registration_number));
CREATE INDEX doctor_credentials_review_idx ON doctor_credentials (review_status, submitted_at);
