import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';
import { makePatients } from '../booking/testing.ts';
import { conflict, serviceUnavailable } from './errors.ts';
import { IDEMPOTENCY_LEASE_SECONDS, requestHash, runIdempotentAround } from './idempotency.ts';

// The claim → work → record protocol when the work calls out and holds no transaction: what a
// duplicate sees while the first runs, after it answered, refused or failed, and after it died.
describe('runIdempotentAround', () => {
  let t: TestDb;
  let userId: string;
  let n = 0;
  const opts = (fingerprint: unknown = { op: 'pay', amount: 5 }) => ({
    key: `k-${++n}`,
    userId,
    fingerprint,
    status: 201,
  });

  beforeAll(async () => {
    t = await createTestPglite();
    [userId] = (await makePatients(t.db, 1)) as [string];
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('a duplicate during the work is 409 in progress; after the answer it is replayed, the work ran once', async () => {
    const o = opts();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const first = runIdempotentAround(t.db, o, async () => {
      runs++;
      await gate;
      return { id: 'pay_1' };
    });
    await expect.poll(() => runs).toBe(1);
    await expect(runIdempotentAround(t.db, o, async () => ({ id: 'pay_2' }))).rejects.toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY_IN_PROGRESS',
      headers: { 'Retry-After': '1' },
    });
    release();
    expect(await first).toEqual({ body: { id: 'pay_1' }, status: 201, replayed: false });
    expect(await runIdempotentAround(t.db, o, async () => ({ id: 'pay_3' }))).toEqual({
      body: { id: 'pay_1' },
      status: 201,
      replayed: true,
    });
    expect(runs).toBe(1);
  });

  it('the same key with another request is 422', async () => {
    const o = opts();
    await runIdempotentAround(t.db, o, async () => ({ ok: true }));
    await expect(
      runIdempotentAround(t.db, { ...o, fingerprint: { op: 'pay', amount: 6 } }, async () => ({ ok: true })),
    ).rejects.toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('a refusal (4xx) is recorded and replayed without running the work again', async () => {
    const o = opts();
    let runs = 0;
    const refuse = async () => {
      runs++;
      throw conflict('ALREADY_PAID', 'This appointment is already paid');
    };
    await expect(runIdempotentAround(t.db, o, refuse)).rejects.toMatchObject({ code: 'ALREADY_PAID' });
    const again = await runIdempotentAround(t.db, o, refuse).catch((e: unknown) => e);
    expect(again).toMatchObject({
      status: 409,
      code: 'ALREADY_PAID',
      headers: { 'Idempotent-Replayed': 'true' },
    });
    expect(runs).toBe(1);
  });

  it('a failure (5xx, crash) releases the claim: the retry runs the work', async () => {
    const o = opts();
    await expect(
      runIdempotentAround(t.db, o, async () => {
        throw serviceUnavailable('GATEWAY_DOWN', 'The gateway is down');
      }),
    ).rejects.toMatchObject({ status: 503 });
    await expect(
      runIdempotentAround(t.db, o, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await runIdempotentAround(t.db, o, async () => ({ id: 'pay_ok' }))).toMatchObject({
      body: { id: 'pay_ok' },
      replayed: false,
    });
  });

  it('a claim left by a process that died is taken over once its lease has run out', async () => {
    const o = opts();
    // What a process that died after claiming leaves behind: a claim without an answer.
    const left = async (ageSeconds: number) => {
      await t.db.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, o.key]);
      await t.db.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
         VALUES ($1, $2, $3, now() - make_interval(secs => $4))`,
        [userId, o.key, requestHash(o.fingerprint), ageSeconds],
      );
    };
    await left(5);
    await expect(runIdempotentAround(t.db, o, async () => ({ id: 'x' }))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_IN_PROGRESS',
    });
    await left(IDEMPOTENCY_LEASE_SECONDS + 5);
    expect(await runIdempotentAround(t.db, o, async () => ({ id: 'taken_over' }))).toMatchObject({
      body: { id: 'taken_over' },
      replayed: false,
    });
  });
});
