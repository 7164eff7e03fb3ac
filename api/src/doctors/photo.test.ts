import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let t: TestDb;
let app: TestApp;
let dataDir: string;
beforeAll(async () => {
  t = await createTestPglite();
  await seedDemo(t.db);
  dataDir = mkdtempSync(join(tmpdir(), 'th-photo-'));
  app = await startTestApp(t.db, { env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await app.close();
  await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const put = (token: string, body: Buffer, type = 'image/png') =>
  fetch(`${app.url}/api/v1/doctors/me/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });

describe('doctor profile photo', () => {
  it('stores an image detected from its bytes and serves it on the public profile', async () => {
    const doctor = createClient(app.url);
    const me = (await doctor.login(DEMO_DOCTORS[3].email, DEMO_PASSWORDS.doctor)).user;
    const ok = await put(doctor.token!, PNG, 'application/octet-stream');
    expect(ok.status).toBe(200);
    const { photoUrl } = (await ok.json()) as { photoUrl: string };
    expect((await createClient(app.url).get(`/api/v1/doctors/${me.id}`)).body.photoUrl).toBe(photoUrl);
    const img = await fetch(app.url + photoUrl);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses other types, oversized photos and non-doctors', async () => {
    const doctor = createClient(app.url);
    await doctor.login(DEMO_DOCTORS[4].email, DEMO_PASSWORDS.doctor);
    const pdf = await put(doctor.token!, Buffer.from('%PDF-1.7 not a photo'), 'image/png');
    expect(pdf.status).toBe(415);
    const big = await put(doctor.token!, Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    const patient = createClient(app.url);
    await patient.login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    expect((await put(patient.token!, PNG)).status).toBe(403);
  });
});
