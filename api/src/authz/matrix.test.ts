/**
 * The authorization matrix (issue 21): every route the server publishes in its OpenAPI document
 * and every socket request type, walked for every kind of caller against one real server (all
 * modules, real PostgreSQL, the host's socket tier and SFU). Fails, listing everything at once, for
 * a route or request type without a row, and for any outcome other than the row's. The probe's
 * findings run after the table (probes.ts).
 */
import { CallRequests } from '@telehealth/signaling';
import { Requests, SUBPROTOCOL } from '@telehealth/signaling/protocol';
import { rawSocket } from '@telehealth/signaling/test-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING } from './pending.ts';
import { FINDING_ROWS, runProbes } from './probes.ts';
import { routeAuthz, socketAuthzTable } from './tables.ts';
import { coverage, routeKey, walkRoutes, walkSockets, type Mismatch } from './walk.ts';
import { buildWorld, type Harness } from './world.ts';

let h: Harness;
beforeAll(async () => {
  h = await buildWorld();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const list = (ms: readonly Mismatch[]) => ms.map((m) => `  ${m.id}: ${m.detail}`).join('\n');

describe('authorization matrix', () => {
  it('has a row for every published route and every socket request type, and no row for anything else', async () => {
    const spec = (await (await fetch(`${h.app.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const published = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => routeKey(m, path)),
    );
    const types = [...Object.keys(Requests), ...Object.keys(CallRequests)];
    const routes = coverage(published, routeAuthz);
    const sockets = coverage(types, socketAuthzTable);
    expect({ routes, sockets }).toEqual({
      routes: { missing: [], stale: [] },
      sockets: { missing: [], stale: [] },
    });
    // Each finding of the probe is a row (or a probe) that still exists.
    const rows = new Set([
      ...Object.keys(routeAuthz),
      ...Object.keys(socketAuthzTable).map((t) => `socket ${t}`),
    ]);
    expect(
      Object.values(FINDING_ROWS)
        .flat()
        .filter((r) => !rows.has(r)),
    ).toEqual([]);
  });

  it('refuses a socket without a token', async () => {
    const s = rawSocket(h.wsUrl, [SUBPROTOCOL]);
    await expect(s.opened).rejects.toThrow(/HTTP 401|close 4001/);
  });

  it('gives every caller the outcome its row states, and the probe’s findings stay fixed', async () => {
    const mismatches = [
      ...(await walkRoutes(h.world, routeAuthz, h.freshBudgets)),
      ...(await walkSockets(h.world, socketAuthzTable, h.freshBudgets)),
      ...(await runProbes(h)),
    ];
    // Rows whose behaviour another change has yet to land: they must still fail, and leave the list once they pass.
    const pending = new Set(PENDING);
    const unexpected = mismatches.filter((m) => !pending.has(m.id));
    const failed = new Set(mismatches.map((m) => m.id));
    const nowPassing = PENDING.filter((id) => !failed.has(id));
    const report = [
      unexpected.length ? `Outcomes that differ from their row:\n${list(unexpected)}` : '',
      nowPassing.length
        ? `Pending rows that pass now (remove them from PENDING):\n  ${nowPassing.join('\n  ')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n');
    expect(report, report).toBe('');
    const health = await fetch(`${h.app.url}/health`);
    expect(health.status).toBe(200);
    // About 20 s on an idle machine; the limit only guards against a hang on a loaded one.
  }, 180_000);
});
