-- Dependents (issue 19): family members a guardian books and acts for. A dependent is an ordinary
-- `patient` users row (so every visit, record, payment and consent keys on their own id) without a
-- usable e-mail or password until they are given a login of their own; `dependents` marks it and
-- keeps the date of birth the age rules read, `guardianships` says who may act for it.
CREATE TABLE dependents (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  birth_date date NOT NULL CHECK (birth_date >= DATE '1900-01-01'),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Set when the dependent accepted an invite and chose a password: the same user id, history kept.
  own_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE guardianships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  guardian_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  dependent_id uuid NOT NULL REFERENCES dependents (user_id) ON DELETE CASCADE,
  relation text NOT NULL CHECK (relation IN ('child', 'parent', 'grandparent', 'spouse', 'sibling', 'other')),
  since timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  CHECK (guardian_id <> dependent_id),
  CHECK (ended_at IS NULL OR ended_at >= since)
);
-- One running guardianship per pair; ended ones stay as history (who could act for whom, and when).
CREATE UNIQUE INDEX guardianships_active_key ON guardianships (guardian_id, dependent_id) WHERE ended_at IS NULL;
CREATE INDEX guardianships_dependent_idx ON guardianships (dependent_id) WHERE ended_at IS NULL;

-- A guardian is an active patient who signs in: never a dependent without a login of their own
-- (nobody could act for them), whichever code path writes the row.
CREATE FUNCTION guardianships_guardian_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.guardian_id AND role = 'patient' AND status = 'active') THEN
    RAISE EXCEPTION 'a guardian must be an active patient' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'guardianships_guardian_patient';
  END IF;
  IF EXISTS (SELECT 1 FROM dependents WHERE user_id = NEW.guardian_id AND own_login_at IS NULL) THEN
    RAISE EXCEPTION 'a dependent without a login cannot be a guardian' USING ERRCODE = 'check_violation',
      CONSTRAINT = 'guardianships_guardian_signs_in';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER guardianships_guardian_check BEFORE INSERT ON guardianships
  FOR EACH ROW EXECUTE FUNCTION guardianships_guardian_check();

-- Giving a dependent their own login: an e-mailed link to choose a password. Only the newest open
-- invite of a dependent works (the unique index), and a link is spent once.
CREATE TABLE dependent_invites (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dependent_id uuid NOT NULL REFERENCES dependents (user_id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email)),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dependent_invites_open_key ON dependent_invites (dependent_id)
  WHERE used_at IS NULL AND revoked_at IS NULL;
