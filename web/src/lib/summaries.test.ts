import { describe, expect, it } from 'vitest';
import { applyProgress, byFile, isFailureCode, settle, stageOf, type SummaryJob } from './summaries.ts';

const job = (over: Partial<SummaryJob>): SummaryJob => ({
  id: 'j1',
  fileId: 'f1',
  patientId: 'p',
  status: 'queued',
  progress: { pct: 0, stage: null },
  statusUrl: '/api/v1/records/summaries/j1',
  source: null,
  summary: null,
  error: null,
  advisory: true,
  requestedAt: '2026-12-03T10:00:00.000Z',
  completedAt: null,
  ...over,
});

describe('report summary state', () => {
  it('keeps the stored summary and a newer failed job apart, per file', () => {
    const ok = job({ id: 'a', status: 'succeeded', requestedAt: '2026-12-03T09:00:00.000Z' });
    const failed = job({ id: 'b', status: 'failed' });
    const other = job({ id: 'c', fileId: 'f2', status: 'succeeded' });
    const m = byFile([failed, other, ok]);
    expect(m.get('f1')).toEqual({ summary: ok, job: failed });
    expect(m.get('f2')).toEqual({ summary: other, job: null });
  });
  it('moves a job on with its own progress events only, never backwards', () => {
    const j = job({});
    const p = { jobId: 'j1', name: 'summarize', pct: 35, stage: 'redacting', userId: 'u' };
    const moved = applyProgress(j, p);
    expect(moved).toMatchObject({ status: 'running', progress: { pct: 35, stage: 'redacting' } });
    expect(applyProgress(moved, { ...p, pct: 10 }).progress.pct).toBe(35);
    expect(applyProgress(j, { ...p, jobId: 'other' })).toBe(j);
    expect(stageOf(moved)).toBe('redacting');
    expect(stageOf(job({ status: 'running', progress: { pct: 5, stage: 'novel' } }))).toBe('working');
  });
  it('lets a succeeded job become the summary and a failed one stand beside the old summary', () => {
    const old = job({ id: 'a', status: 'succeeded' });
    expect(settle({ summary: old, job: null }, job({ id: 'b', status: 'failed' }))).toMatchObject({
      summary: old,
    });
    expect(settle({ summary: old, job: null }, job({ id: 'c', status: 'succeeded' })).summary?.id).toBe('c');
  });
});

describe('failure codes', () => {
  it('knows the codes the job resource uses, and nothing else', () => {
    expect(isFailureCode('NO_TEXT_LAYER')).toBe(true);
    expect(isFailureCode('RECORD_NOT_FOUND')).toBe(false);
  });
});
