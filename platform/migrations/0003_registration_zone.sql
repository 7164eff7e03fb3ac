-- A new account starts in the time zone and language the person signed up with.
ALTER TABLE pending_registrations ADD COLUMN timezone text NOT NULL DEFAULT 'UTC';
ALTER TABLE pending_registrations ADD COLUMN locale text NOT NULL DEFAULT 'en';
