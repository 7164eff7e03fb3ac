import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDbFactories, type TestDb } from '../testing/db.ts';

const insertUser = `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'A', 'patient', 'h')`;
const countUsers = async (t: TestDb, email: string) =>
  (await t.db.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount;

describe.each(Object.entries(testDbFactories))('tx afterCommit on %s', (kind, factory) => {
  let t: TestDb;
  const errors: unknown[] = [];
  beforeAll(async () => {
    // One pool connection on PostgreSQL: a callback that still held the transaction's would hang.
    t = await factory({ max: 1, onAfterCommitError: (err) => errors.push(err) });
  });
  afterAll(() => t.drop());
  beforeEach(() => {
    errors.length = 0;
  });

  it('runs callbacks once, in order, after COMMIT, when the change is visible outside', async () => {
    const seen: string[] = [];
    const out = await t.db.tx(async (q) => {
      await q.query(insertUser, ['ac1@x.test']);
      q.afterCommit(async () => {
        seen.push(`first sees ${await countUsers(t, 'ac1@x.test')}`);
      });
      q.afterCommit(() => {
        seen.push('second');
      });
      expect(seen).toEqual([]);
      return 'done';
    });
    expect(out).toBe('done');
    expect(seen).toEqual(['first sees 1', 'second']);
  });

  it('never runs a callback of a transaction that rolled back', async () => {
    let ran = 0;
    await expect(
      t.db.tx(async (q) => {
        q.afterCommit(() => void ran++);
        await q.query(insertUser, ['ac2@x.test']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // A failure at COMMIT (a deferred constraint) rolls back too.
    await expect(
      t.db.tx(async (q) => {
        q.afterCommit(() => void ran++);
        await q.exec(`CREATE TEMP TABLE ac_deferred (v int UNIQUE DEFERRABLE INITIALLY DEFERRED)`);
        await q.exec(`INSERT INTO ac_deferred VALUES (1), (1)`);
      }),
    ).rejects.toThrow();
    expect(ran).toBe(0);
    expect(await countUsers(t, 'ac2@x.test')).toBe(0);
  });

  it('reports a failing callback without failing the committed transaction, and runs the next', async () => {
    let after = 0;
    const out = await t.db.tx(async (q) => {
      await q.query(insertUser, ['ac3@x.test']);
      q.afterCommit(() => {
        throw new Error('gateway down');
      });
      q.afterCommit(async () => {
        throw new Error('async too');
      });
      q.afterCommit(() => void after++);
      return 7;
    });
    expect(out).toBe(7);
    expect(after).toBe(1);
    expect(errors.map((e) => (e as Error).message)).toEqual(['gateway down', 'async too']);
    expect(await countUsers(t, 'ac3@x.test')).toBe(1);
  });

  it('lets a callback use the database again (the connection is released first)', async () => {
    await t.db.tx(async (q) => {
      await q.query(insertUser, ['ac4@x.test']);
      q.afterCommit(() => t.db.tx(async (q2) => void (await q2.query(insertUser, ['ac5@x.test']))));
    });
    expect(errors).toEqual([]);
    expect(await countUsers(t, 'ac5@x.test')).toBe(1);
  });

  it('drops the callbacks of a savepoint that rolled back, keeps those of one that held', async () => {
    const ran: string[] = [];
    await t.db.tx(async (q) => {
      q.afterCommit(() => void ran.push('outer'));
      await expect(
        q.savepoint(async () => {
          await q.query(insertUser, ['ac6@x.test']);
          q.afterCommit(() => void ran.push('undone'));
          // Nested: its own rollback is inside the outer one's.
          await q.savepoint(async () => q.afterCommit(() => void ran.push('undone, nested')));
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      const kept = await q.savepoint(async () => {
        await q.query(insertUser, ['ac7@x.test']);
        q.afterCommit(() => void ran.push('kept'));
        return 'ok';
      });
      expect(kept).toBe('ok');
    });
    expect(ran).toEqual(['outer', 'kept']);
    expect(await countUsers(t, 'ac6@x.test')).toBe(0);
    expect(await countUsers(t, 'ac7@x.test')).toBe(1);
  });

  it.runIf(kind === 'postgres')(
    'runs only the callbacks of the attempt that committed when a retry re-runs fn',
    async () => {
      const ran: number[] = [];
      let attempts = 0;
      await t.db.tx(async (q) => {
        const attempt = ++attempts;
        q.afterCommit(() => void ran.push(attempt));
        // What a deadlock victim gets from the server: a retryable SQLSTATE, and the attempt rolls back.
        if (attempt < 3)
          await q.exec(`DO $$ BEGIN RAISE EXCEPTION 'victim' USING ERRCODE = 'deadlock_detected'; END $$`);
      });
      expect(attempts).toBe(3);
      expect(ran).toEqual([3]);
    },
  );
});
