-- Issue 15: a patient rates a completed visit once (1-5 and a comment). Admins read the comments;
-- the doctor's profile shows the average. One row per appointment: a second rating is a 409.
CREATE TABLE appointment_ratings (
  appointment_id uuid PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  doctor_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_ratings_doctor_idx ON appointment_ratings (doctor_id, created_at DESC);
