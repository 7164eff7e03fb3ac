-- Report summaries (issue 18): each "Summarise" is a job row; its finished result is the file's
-- summary, stored beside the file with where it came from (local rules or a model). Advisory
-- content derived from the file: it goes when the file goes (trigger below).
CREATE TABLE record_summaries (
  -- Also the AI queue's job id, so the socket's ai.progress events name this row.
  id uuid PRIMARY KEY,
  file_id uuid NOT NULL REFERENCES record_files (id) ON DELETE CASCADE,
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  progress_pct smallint NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
  stage text,
  source text CHECK (source IN ('rules', 'model')),
  result jsonb,
  error_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  CHECK ((status = 'succeeded') = (result IS NOT NULL AND source IS NOT NULL)),
  CHECK ((status = 'failed') = (error_code IS NOT NULL)),
  CHECK ((status IN ('succeeded', 'failed')) = (completed_at IS NOT NULL))
);
-- One job at a time per file: a second "Summarise" while one is under way gets that one.
CREATE UNIQUE INDEX record_summaries_one_open ON record_summaries (file_id) WHERE status IN ('queued', 'running');
CREATE INDEX record_summaries_file_idx ON record_summaries (file_id, created_at DESC);
CREATE INDEX record_summaries_patient_idx ON record_summaries (patient_id, created_at DESC);

-- A deleted (crypto-shredded) file keeps its row as a tombstone; what was derived from its text must
-- not outlive it, whichever path deleted it (the owner, erasure, a purge).
CREATE FUNCTION record_summaries_follow_file() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM record_summaries WHERE file_id = NEW.id;
  RETURN NEW;
END;
$$;
CREATE TRIGGER record_summaries_follow_file AFTER UPDATE OF status ON record_files
  FOR EACH ROW WHEN (NEW.status = 'deleted' AND OLD.status <> 'deleted')
  EXECUTE FUNCTION record_summaries_follow_file();
