import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeReply } from '../testing/fake-llm.ts';
import { LlmTriageSchema } from '../triage/schema.ts';
import { createLlmClient } from './client.ts';

let fake: Awaited<ReturnType<typeof startFakeLlm>> | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const good = JSON.stringify({
  priority: 'urgent',
  reasons: ['r'],
  suggestedSpecialty: 'cardiology',
  confidence: 0.8,
});
async function client(replies: FakeReply[], opts: { baseSuffix?: string; timeoutMs?: number } = {}) {
  fake = await startFakeLlm((_r, n) => replies[Math.min(n, replies.length) - 1]!);
  return createLlmClient({
    apiKey: 'test-key',
    baseUrl: fake.url + (opts.baseSuffix ?? ''),
    model: 'm1',
    // Generous: a loaded CI machine can take longer than a real timeout test needs on the first call.
    timeoutMs: opts.timeoutMs ?? 3000,
  });
}
const req = { schema: LlmTriageSchema, schemaName: 'triage', system: 'sys', user: 'u' };

describe('LLM client against a local OpenAI-compatible server', () => {
  it('posts to /openai/v1/chat/completions with a JSON schema and validates the answer', async () => {
    const c = await client([{ content: good }]);
    const r = await c.completeJson(req);
    expect(r).toMatchObject({
      ok: true,
      attempts: 1,
      model: 'm1',
      value: { priority: 'urgent', suggestedSpecialty: 'cardiology' },
    });
    expect(fake!.requests[0]!.path).toBe('/openai/v1/chat/completions');
    expect(fake!.requests[0]!.headers.authorization).toBe('Bearer test-key');
    expect(fake!.requests[0]!.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'triage' },
    });
  });

  it('does not double the path when the base URL already ends in /openai/v1', async () => {
    const c = await client([{ content: good }], { baseSuffix: '/openai/v1/' });
    expect((await c.completeJson(req)).ok).toBe(true);
    expect(fake!.requests[0]!.path).toBe('/openai/v1/chat/completions');
  });

  it.each<[string, FakeReply, string]>([
    ['bad JSON', { content: 'Sure! priority: urgent' }, 'bad_json'],
    [
      'wrong enum',
      {
        content: JSON.stringify({
          priority: 'critical',
          reasons: [],
          suggestedSpecialty: 'cardiology',
          confidence: 0.5,
        }),
      },
      'schema_mismatch',
    ],
    ['server error', { status: 500 }, 'http_error'],
    ['timeout', { hangMs: 3000 }, 'timeout'],
  ])('retries once, then reports %s', async (_n, bad, code) => {
    const c = await client([bad, bad], code === 'timeout' ? { timeoutMs: 400 } : {});
    const r = await c.completeJson(req);
    expect(r).toMatchObject({ ok: false, error: code, attempts: 2 });
    expect(fake!.requests).toHaveLength(2);
  });

  it('recovers when the retry succeeds, and accepts fenced JSON', async () => {
    const c = await client([{ content: '{"priority":' }, { content: '```json\n' + good + '\n```' }]);
    expect(await c.completeJson(req)).toMatchObject({ ok: true, attempts: 2 });
  });

  it('does not retry authentication errors', async () => {
    const c = await client([{ status: 401 }]);
    expect(await c.completeJson(req)).toMatchObject({
      ok: false,
      error: 'http_error',
      status: 401,
      attempts: 1,
    });
  });
});
