import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { backoffSeconds, createEmailDispatcher, MAX_EMAIL_ATTEMPTS } from './dispatcher.ts';
import { enqueueEmail } from './outbox.ts';
import { render } from './templates.ts';
import { createDevMailbox, createResendTransport } from './transports.ts';

/** A stand-in for api.resend.com: the documented POST /emails, with scripted failures. */
function resendStandIn() {
  const calls: { key: string | undefined; auth: string | undefined; body: Record<string, unknown> }[] = [];
  const script: number[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    if (req.method !== 'POST' || req.url !== '/emails') {
      res.writeHead(404).end();
      return;
    }
    calls.push({
      key: req.headers['idempotency-key'] as string | undefined,
      auth: req.headers.authorization,
      body: JSON.parse(raw),
    });
    const status = script.shift() ?? 200;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      status === 200
        ? JSON.stringify({ id: `re_${calls.length}` })
        : JSON.stringify({
            statusCode: status,
            name: status === 422 ? 'validation_error' : 'internal_server_error',
            message: 'scripted',
          }),
    );
  });
  return { server, calls, script };
}

let t: TestDb;
const log = createLogger('silent');
beforeAll(async () => {
  t = await createTestPostgres();
});
afterAll(() => t.drop());

describe('email outbox', () => {
  it('exists only if the transaction that caused it commits', async () => {
    await expect(
      t.db.tx(async (q) => {
        await enqueueEmail(q, {
          to: 'rollback@example.test',
          message: { kind: 'password_changed', name: 'R' },
        });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow();
    expect(
      (await t.db.query(`SELECT 1 FROM outbox_emails WHERE to_address = 'rollback@example.test'`)).rowCount,
    ).toBe(0);
  });

  it('keeps at most one email per dedupe key', async () => {
    const m = {
      to: 'dedupe@example.test',
      message: { kind: 'password_changed', name: 'D' } as const,
      dedupeKey: 'reminder:x:24h',
    };
    expect(await enqueueEmail(t.db, m)).toBeTruthy();
    expect(await enqueueEmail(t.db, m)).toBeUndefined();
    expect(
      (await t.db.query(`SELECT 1 FROM outbox_emails WHERE dedupe_key = 'reminder:x:24h'`)).rowCount,
    ).toBe(1);
  });

  it('delivers to the dev mailbox exactly once, even with two dispatchers racing', async () => {
    for (let i = 0; i < 20; i++)
      await enqueueEmail(t.db, {
        to: `race${i}@example.test`,
        message: { kind: 'password_changed', name: 'X' },
      });
    const a = createEmailDispatcher({ db: t.db, transport: createDevMailbox(), log, pollMs: 1000 });
    const b = createEmailDispatcher({ db: t.db, transport: createDevMailbox(), log, pollMs: 1000 });
    await Promise.all([a.drainOnce(), b.drainOnce(), a.drainOnce(), b.drainOnce()]);
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dev_mailbox WHERE to_address LIKE 'race%'`,
    );
    expect(rows[0]!.n).toBe(20);
  });

  it('does not send mail scheduled for later', async () => {
    await enqueueEmail(t.db, {
      to: 'later@example.test',
      message: { kind: 'password_changed', name: 'L' },
      sendAfter: new Date(Date.now() + 3600_000),
    });
    await createEmailDispatcher({ db: t.db, transport: createDevMailbox(), log, pollMs: 1000 }).drainOnce();
    expect(
      (await t.db.query(`SELECT 1 FROM dev_mailbox WHERE to_address = 'later@example.test'`)).rowCount,
    ).toBe(0);
  });
});

describe('Resend transport', () => {
  const standIn = resendStandIn();
  let baseUrl: string;
  beforeAll(async () => {
    await new Promise<void>((r) => standIn.server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => standIn.server.close(() => r())));

  it('sends with the outbox id as idempotency key and retries a 500 with backoff', async () => {
    const id = await enqueueEmail(t.db, {
      to: 'resend@example.test',
      message: { kind: 'registration_otp', name: 'R', code: '123456', ttlMinutes: 10 },
    });
    const transport = createResendTransport({
      apiKey: 're_test_key',
      baseUrl,
      from: 'Hub <hub@example.test>',
    });
    const d = createEmailDispatcher({ db: t.db, transport, log, pollMs: 1000 });
    standIn.script.push(500);
    await d.drainOnce();
    let row = (
      await t.db.query<{ status: string; attempts: number; send_after: Date }>(
        'SELECT * FROM outbox_emails WHERE id = $1',
        [id],
      )
    ).rows[0]!;
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.send_after.getTime()).toBeGreaterThan(Date.now() + (backoffSeconds(1) - 5) * 1000);

    await t.db.query('UPDATE outbox_emails SET send_after = now() WHERE id = $1', [id]);
    await d.drainOnce();
    row = (
      await t.db.query<{ status: string; attempts: number; provider_message_id: string }>(
        'SELECT * FROM outbox_emails WHERE id = $1',
        [id],
      )
    ).rows[0] as never;
    expect(row.status).toBe('sent');
    const mine = standIn.calls.filter((c) => c.key === `outbox-${id}`);
    expect(mine).toHaveLength(2);
    expect(mine[1]!.auth).toBe('Bearer re_test_key');
    expect(mine[1]!.body).toMatchObject({ to: ['resend@example.test'], from: 'Hub <hub@example.test>' });
    expect(String(mine[1]!.body.text)).toContain('123456');
  });

  it('gives up at once on a permanent error and after MAX attempts on transient ones', async () => {
    const transport = createResendTransport({ apiKey: 're_test_key', baseUrl, from: 'hub@example.test' });
    const d = createEmailDispatcher({ db: t.db, transport, log, pollMs: 1000 });
    const permanent = await enqueueEmail(t.db, {
      to: 'bad@example.test',
      message: { kind: 'password_changed', name: 'B' },
    });
    standIn.script.push(422);
    await d.drainOnce();
    expect(
      (await t.db.query<{ status: string }>('SELECT status FROM outbox_emails WHERE id = $1', [permanent]))
        .rows[0]!.status,
    ).toBe('failed');

    const flaky = await enqueueEmail(t.db, {
      to: 'flaky@example.test',
      message: { kind: 'password_changed', name: 'F' },
    });
    for (let i = 0; i < MAX_EMAIL_ATTEMPTS; i++) {
      standIn.script.push(503);
      await t.db.query('UPDATE outbox_emails SET send_after = now() WHERE id = $1', [flaky]);
      await d.drainOnce();
    }
    const row = (
      await t.db.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM outbox_emails WHERE id = $1',
        [flaky],
      )
    ).rows[0]!;
    expect(row).toEqual({ status: 'failed', attempts: MAX_EMAIL_ATTEMPTS });
  });
});

describe('templates', () => {
  it('escape what users typed into HTML', () => {
    const r = render({
      kind: 'registration_otp',
      name: '<script>x</script>',
      code: '654321',
      ttlMinutes: 10,
    });
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;');
    expect(r.text).toContain('654321');
  });
});
