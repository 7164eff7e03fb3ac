-- Removing an admin account must not be blocked by the doctors it once verified.
ALTER TABLE doctor_profiles DROP CONSTRAINT doctor_profiles_verified_by_fkey;
ALTER TABLE doctor_profiles ADD CONSTRAINT doctor_profiles_verified_by_fkey
  FOREIGN KEY (verified_by) REFERENCES users (id) ON DELETE SET NULL;
