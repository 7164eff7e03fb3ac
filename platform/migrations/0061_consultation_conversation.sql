-- The in-call chat: each consultation room gets one patient–doctor conversation, opened on the first
-- join (appointment rooms reuse the appointment's conversation).
ALTER TABLE consultations ADD COLUMN conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL;
