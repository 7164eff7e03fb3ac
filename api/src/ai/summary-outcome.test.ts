import { describe, expect, it } from 'vitest';
import { outcomeOf } from './summary-outcome.ts';

const summary = {
  summary: 'Low haemoglobin.',
  keyFindings: [],
  abnormalValues: [],
  followUpNeeded: true,
  transcriptionConfidence: 1,
  promptVersion: null,
  source: 'extractive',
};

describe('outcomeOf', () => {
  it('names the source of a summary: rules for the extractive one, model for an LLM', () => {
    expect(outcomeOf({ ok: true, summary })).toMatchObject({ status: 'succeeded', source: 'rules' });
    expect(outcomeOf({ ok: true, summary: { ...summary, source: 'llm' } })).toMatchObject({
      source: 'model',
    });
  });
  it('reads a result that crossed the queue as JSON text', () => {
    expect(outcomeOf(JSON.stringify({ ok: true, summary }))).toMatchObject({ status: 'succeeded' });
  });
  it('maps refusals to the codes the job resource shows', () => {
    expect(outcomeOf({ ok: false, error: 'quota_exceeded', retryAt: 'x' })).toEqual({
      status: 'failed',
      errorCode: 'AI_QUOTA_EXCEEDED',
    });
    expect(outcomeOf({ ok: false, error: 'no_text' })).toEqual({
      status: 'failed',
      errorCode: 'NO_TEXT_LAYER',
    });
  });
  it('never stores what is not a result', () => {
    for (const raw of [null, 'not json', 42, { ok: true }, { ok: 'yes' }, { ok: false, error: 'weird' }])
      expect(outcomeOf(raw)).toEqual({ status: 'failed', errorCode: 'AI_FAILED' });
  });
});
