import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = (script: string, lines: unknown[]) => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))],
    {
      input: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n',
      encoding: 'utf8',
      env: { ...process.env, GROQ_API_KEY: '', REDIS_URL: '' },
      timeout: 20_000,
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe('CLIs (JSON lines on stdin/stdout)', () => {
  it('redact: offsets point into the input; bad lines give an error line', () => {
    const text = 'Spoke to Mrs. Lalitha Shetty at 98450 12345 about her MRI.';
    const [a, b] = run('./redact.ts', [{ id: 'n1', text }, 'not json']);
    expect(a!.id).toBe('n1');
    expect(a!.text).toBe('Spoke to Mrs. [NAME_1] at [PHONE_1] about her MRI.');
    const ents = a!.entities as Array<{ type: string; start: number; end: number }>;
    expect(ents.map((e) => [e.type, text.slice(e.start, e.end)])).toEqual([
      ['NAME', 'Lalitha Shetty'],
      ['PHONE', '98450 12345'],
    ]);
    expect(b).toHaveProperty('error');
  });

  it('triage: rules mode output per line', () => {
    const [a, b] = run('./triage.ts', [
      { id: 't1', symptoms: 'sudden slurred speech and face drooping', age: 71, sex: 'male' },
      { id: 't2', symptoms: 'mild acne on face', age: 19, sex: 'female' },
    ]);
    expect(a).toMatchObject({
      id: 't1',
      priority: 'emergency',
      source: 'rules',
      action: 'call_emergency_services',
    });
    expect(b).toMatchObject({
      id: 't2',
      priority: 'routine',
      suggestedSpecialty: 'dermatology',
      promptVersion: null,
    });
    expect(typeof b!.disclaimer).toBe('string');
  });
});
