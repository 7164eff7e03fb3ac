-- Call guests without an account (issue 18): whoever opens an invitation link enters a name and
-- becomes a short-lived `guest` user (no password that anyone knows, no sign-in), who waits until
-- the doctor admits them. The guest role is refused by every route not written for it (route.ts).
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('patient', 'doctor', 'admin', 'guest'));

-- Where the link was e-mailed (NULL: the inviter copied it).
ALTER TABLE call_invites ADD COLUMN email text CHECK (email = lower(email));

-- A guest waits (neither admitted nor declined), is admitted, declined, or removed; only an
-- admitted guest who was not removed may be in the call (consultations/access.ts).
ALTER TABLE call_guests ADD COLUMN name text NOT NULL DEFAULT '';
ALTER TABLE call_guests ADD COLUMN admitted_at timestamptz;
ALTER TABLE call_guests ADD COLUMN declined_at timestamptz;
ALTER TABLE call_guests ADD CONSTRAINT call_guests_admitted_or_declined
  CHECK (admitted_at IS NULL OR declined_at IS NULL);
-- One guest per invitation: single use holds even if two redeems raced past the UPDATE.
CREATE UNIQUE INDEX call_guests_invite_key ON call_guests (invite_id);
CREATE INDEX call_invites_room_idx ON call_invites (room_id);

-- The doctor's switch in the call: the patient may invite guests too.
ALTER TABLE consultations ADD COLUMN patient_may_invite boolean NOT NULL DEFAULT false;
