/**
 * An admin's suspension or role change (and an account erasure) reaches live sockets: the real API and a real signaling node
 * share the app's bus; the sockets are real WebSockets, the database real PostgreSQL.
 */
import { AUTH_PROTOCOL_PREFIX, CloseCodes, SUBPROTOCOL } from '@telehealth/signaling/protocol';
import { rawSocket, startServer, waitFor } from '@telehealth/signaling/test-helpers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRecordsRoutes } from '../records/routes.ts';
import { DEMO_ADMIN, DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

let t: TestDb;
let app: TestApp;
let signaling: Awaited<ReturnType<typeof startServer>>;
let admin: ReturnType<typeof createClient>;
let dataDir: string;

beforeAll(async () => {
  t = await createTestPostgres();
  await seedDemo(t.db);
  dataDir = mkdtempSync(join(tmpdir(), 'th-sockets-'));
  // Records routes for DELETE /me (erasure); their files go to a throwaway directory.
  app = await startTestApp(t.db, { modules: [registerRecordsRoutes], env: { DATA_DIR: dataDir } });
  signaling = await startServer({ db: t.db, bus: app.ctx.bus, tokens: app.ctx.tokens });
  admin = createClient(app.url);
  await admin.login(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
});
afterAll(async () => {
  await signaling?.close({ force: true });
  await app?.close();
  await t?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(email: string, password: string) {
  const c = createClient(app.url);
  await c.login(email, password);
  const me = await c.get('/api/v1/me');
  return { token: c.token!, id: me.body.id as string };
}

const socket = (token: string) => rawSocket(signaling.url, [SUBPROTOCOL, AUTH_PROTOCOL_PREFIX + token]);

describe('admin changes reach open sockets', () => {
  it('suspending a user closes their socket with 4001 and refuses the reconnect', async () => {
    const patient = await signedIn(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    const doctor = await signedIn(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor);
    const s = socket(patient.token);
    const bystander = socket(doctor.token);
    await Promise.all([s.opened, bystander.opened]);

    const r = await admin.patch(`/api/v1/admin/users/${patient.id}`, { status: 'suspended' });
    expect(r.status).toBe(200);
    expect((await s.closed).code).toBe(CloseCodes.unauthorized);
    // The access token is still unexpired; the account is what refuses it.
    await expect(socket(patient.token).opened).rejects.toThrow('close 4001');

    bystander.ws.send(JSON.stringify({ v: 1, type: 'ping', id: 'still-here' }));
    await waitFor(() => bystander.frames.some((f) => (f as { id?: string }).id === 'still-here'), 'ping');
    bystander.ws.close();
  });

  it('changing a role closes the socket opened with the old role', async () => {
    const patient = await signedIn(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
    const s = socket(patient.token);
    await s.opened;
    const r = await admin.patch(`/api/v1/admin/users/${patient.id}`, {
      role: 'doctor',
      reason: 'Registered GP',
    });
    expect(r.status).toBe(200);
    expect((await s.closed).code).toBe(CloseCodes.unauthorized);
    await expect(socket(patient.token).opened).rejects.toThrow('close 4001');
  });

  it('erasing one’s own account closes its sockets', async () => {
    const c = createClient(app.url);
    await c.login(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
    const s = socket(c.token!);
    await s.opened;
    const r = await c.request('DELETE', '/api/v1/me', { password: DEMO_PASSWORDS.patient, confirm: 'ERASE' });
    expect(r.status).toBe(200);
    expect((await s.closed).code).toBe(CloseCodes.unauthorized);
    await expect(socket(c.token!).opened).rejects.toThrow('close 4001');
  });

  it('a reactivated user signs in and connects again', async () => {
    const r = await admin.patch(`/api/v1/admin/users/${await idOf(DEMO_PATIENTS[0].email)}`, {
      status: 'active',
    });
    expect(r.status).toBe(200);
    const patient = await signedIn(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    const s = socket(patient.token);
    await s.opened;
    s.ws.close();
  });
});

async function idOf(email: string) {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  return rows[0]!.id;
}
