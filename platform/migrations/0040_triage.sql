-- AI symptom checks. The assessment is advisory: patient and doctor overrides are kept beside it.
CREATE TABLE triage_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  input jsonb NOT NULL,
  result jsonb NOT NULL,
  priority text NOT NULL CHECK (priority IN ('emergency', 'urgent', 'routine')),
  source text NOT NULL CHECK (source IN ('rules', 'llm')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX triage_assessments_patient_idx ON triage_assessments (patient_id, created_at DESC);

-- One row per override; `record` is the ai-worker's TriageOverride (from, to, reason, review flag).
CREATE TABLE triage_overrides (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assessment_id uuid NOT NULL REFERENCES triage_assessments (id) ON DELETE CASCADE,
  actor_id uuid NOT NULL REFERENCES users (id),
  to_priority text NOT NULL CHECK (to_priority IN ('emergency', 'urgent', 'routine')),
  record jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX triage_overrides_assessment_idx ON triage_overrides (assessment_id, created_at);
