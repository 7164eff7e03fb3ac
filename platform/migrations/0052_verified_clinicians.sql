-- Issue 21: only admin-verified doctors hold clinical powers; emergency access hardened (reason code,
-- per-day limit, what was written under a grant is marked and can be quarantined); admins read
-- clinical content only under a break-glass of their own.

-- The one definition of "verified clinician": an active doctor account whose profile an admin
-- verified. Every check (API routes, records access, the signaling queue) asks the database this
-- question in its own query, so a verification withdrawn a moment ago counts at once.
CREATE FUNCTION is_verified_clinician(uid uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM users u JOIN doctor_profiles dp ON dp.user_id = u.id
     WHERE u.id = uid AND u.role = 'doctor' AND u.status = 'active' AND dp.verified_at IS NOT NULL
  )
$$;

-- Being on call takes walk-ins: nobody unverified is left on call.
UPDATE doctor_profiles SET on_call = false WHERE on_call AND verified_at IS NULL;

-- Emergency access states a coded reason besides the free text. Older grants have none.
ALTER TABLE emergency_access ADD COLUMN reason_code text
  CHECK (reason_code IN ('unconscious_patient', 'life_threatening', 'patient_cannot_consent', 'urgent_continuity_of_care'));
-- 'cleared': a flagged grant whose writes an admin reviewed and released from quarantine.
ALTER TABLE emergency_access DROP CONSTRAINT emergency_access_review_status_check;
ALTER TABLE emergency_access ADD CONSTRAINT emergency_access_review_status_check
  CHECK (review_status IN ('pending', 'approved', 'flagged', 'cleared'));
-- The per-doctor daily limit counts a doctor's recent grants.
CREATE INDEX emergency_access_doctor_idx ON emergency_access (doctor_id, granted_at);

-- Everything written under a grant carries its id: flagging the grant quarantines exactly that.
ALTER TABLE visit_records ADD COLUMN emergency_grant_id uuid REFERENCES emergency_access (id) ON DELETE SET NULL;
ALTER TABLE record_files ADD COLUMN emergency_grant_id uuid REFERENCES emergency_access (id) ON DELETE SET NULL;
CREATE INDEX visit_records_emergency_idx ON visit_records (emergency_grant_id) WHERE emergency_grant_id IS NOT NULL;
CREATE INDEX record_files_emergency_idx ON record_files (emergency_grant_id) WHERE emergency_grant_id IS NOT NULL;

-- An admin's own break-glass: a stated reason, one patient, a short time box; every read under it
-- is audited. Admins otherwise see no clinical content.
CREATE TABLE admin_break_glass (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  admin_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) >= 20),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK (expires_at > granted_at)
);
CREATE INDEX admin_break_glass_lookup_idx ON admin_break_glass (admin_id, patient_id, expires_at);
