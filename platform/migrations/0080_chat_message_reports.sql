-- Reports name the message (issue 18): a participant reports one message of the other party with a
-- reason, and an admin resolves the report with an outcome and a note. Conversation-wide reports
-- (message_id NULL, from before this migration) stay valid.
ALTER TABLE conversation_reports
  ADD COLUMN message_id uuid REFERENCES chat_messages (id) ON DELETE CASCADE,
  ADD COLUMN resolution text CHECK (resolution IN ('dismiss', 'warn', 'deactivate')),
  ADD COLUMN resolution_note text CHECK (char_length(resolution_note) <= 1000),
  ADD CONSTRAINT conversation_reports_resolution CHECK (resolution IS NULL OR (resolved_at IS NOT NULL AND resolved_by IS NOT NULL));
-- A second click on "Report" finds the first report instead of queuing the message twice.
CREATE UNIQUE INDEX conversation_reports_message_key ON conversation_reports (message_id, reporter_id)
  WHERE message_id IS NOT NULL;
