// Issue 21, input and headers: a black-box probe got 500s (NUL, latin1, unknown or broken encodings),
// a 200 for text/plain, names with bidi overrides, cacheable PHI, an unframed docs page and public metrics.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';

const PASSWORD = 'input-test-password';
let t: TestDb;
let app: TestApp;
let patient: TestClient;
let doctor: TestClient;

beforeAll(async () => {
  t = await createTestPostgres();
  app = await startTestApp(t.db);
  const hash = await hashPassword(PASSWORD);
  for (const [email, role] of [
    ['input.patient@example.test', 'patient'],
    ['input.doctor@example.test', 'doctor'],
  ] as const)
    await t.db.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Input Test', $2, $3)`,
      [email, role, hash],
    );
  patient = createClient(app.url);
  await patient.login('input.patient@example.test', PASSWORD);
  doctor = createClient(app.url);
  await doctor.login('input.doctor@example.test', PASSWORD);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** A raw request: the test client always sends JSON, these cases must not. */
async function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const res = await fetch(app.url + path, {
    method: init.method ?? 'POST',
    headers: { authorization: `Bearer ${patient.token}`, ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const paths = (r: { body: { error: { details?: { path: string }[] } } }) =>
  (r.body.error.details ?? []).map((d) => d.path);

describe('one request-level guard for text', () => {
  it('refuses NUL anywhere in a JSON body or the query with 400 and the field path', async () => {
    const name = await patient.patch('/api/v1/me', { name: 'Nul\u0000Name' });
    expect(name.status).toBe(400);
    expect(name.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(name)).toEqual(['body.name']);

    const nested = await patient.patch('/api/v1/me', { name: 'Fine', extra: { list: ['ok', 'b\u0000d'] } });
    expect(nested.status).toBe(400);
    expect(paths(nested)).toEqual(['body.extra.list.1']);

    const query = await patient.get('/api/v1/doctors?q=a%00b');
    expect(query.status).toBe(400);
    expect(paths(query)).toEqual(['query.q']);
    expect((await patient.get('/api/v1/me')).body.name).toBe('Input Test');
  });

  it('refuses control and bidi characters in names, keeps line breaks in free text', async () => {
    for (const bad of [
      'Dr. Evil\u202Eelihp',
      'Isolate\u2066x\u2069',
      'Bell\u0007',
      'C1\u0085x',
      'Two\nLines',
    ]) {
      const r = await patient.patch('/api/v1/me', { name: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(paths(r)).toEqual(['body.name']);
    }
    const signup = await createClient(app.url).post('/api/v1/auth/register', {
      email: 'bidi@example.test',
      password: 'a-long-password',
      name: 'Ann\u202Dx',
    });
    expect(signup.status).toBe(400);
    expect(paths(signup)).toEqual(['body.name']);
    // Names in any script stay welcome.
    const hindi = await patient.patch('/api/v1/me', { name: 'प्रिया शर्मा' });
    expect(hindi.status).toBe(200);
    expect(hindi.body.name).toBe('प्रिया शर्मा');

    const profile = {
      specialty: 'General practice',
      languages: ['en'],
      feeMinor: 1000,
      currency: 'USD',
      timezone: 'UTC',
    };
    const escape = await doctor.put('/api/v1/doctors/me/profile', { ...profile, bio: 'Hi \u001b[31mred' });
    expect(escape.status).toBe(400);
    expect(paths(escape)).toEqual(['body.bio']);
    const rtl = await doctor.put('/api/v1/doctors/me/profile', { ...profile, specialty: 'GP\u202E' });
    expect(rtl.status).toBe(400);
    expect(paths(rtl)).toEqual(['body.specialty']);
    const ok = await doctor.put('/api/v1/doctors/me/profile', {
      ...profile,
      bio: 'Line one\r\nLine two\tend',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.bio).toBe('Line one\nLine two\tend');
  });

  it('publishes the rule in the OpenAPI document', async () => {
    const spec = (await createClient(app.url).get('/api/v1/openapi.json')).body;
    expect(spec.components.schemas.RegisterStart.properties.name.pattern).toContain('\\u202A');
  });
});

describe('bodies the API cannot read', () => {
  const json = JSON.stringify({ name: 'Still Me' });

  it('an unsupported charset is 415', async () => {
    const r = await raw('/api/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: json,
    });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('UNSUPPORTED_CHARSET');
  });

  it('an unknown Content-Encoding is 415, a broken gzip body 400, a good one is read', async () => {
    const unknown = await raw('/api/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'content-encoding': 'x-squash' },
      body: json,
    });
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.code).toBe('UNSUPPORTED_CONTENT_ENCODING');

    const broken = await raw('/api/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.concat([gzipSync(json).subarray(0, 12), Buffer.from('not gzip at all')]),
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('MALFORMED_BODY');

    const good = await raw('/api/v1/me', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(json),
    });
    expect(good.status).toBe(200);
    expect(good.body.name).toBe('Still Me');
  });

  it('a non-JSON body on a JSON route is 415, not an empty body that passes', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const r = await raw('/api/v1/me', { method: 'PATCH', headers: { 'content-type': type }, body: json });
      expect(r.status, type).toBe(415);
      expect(r.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    // No body at all is still no body (routes whose fields are all optional).
    expect((await raw('/api/v1/me', { method: 'PATCH' })).status).toBe(200);
  });
});

describe('response headers', () => {
  it('every API answer, errors included, carries nosniff and no-store', async () => {
    const answers = [
      await patient.get('/api/v1/me'),
      await createClient(app.url).get('/api/v1/me'),
      await createClient(app.url).get('/api/v1/no-such-route'),
      await createClient(app.url).get('/api/v1/openapi.json'),
      await createClient(app.url).get('/health'),
    ];
    for (const r of answers) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('the docs page is served under a CSP that forbids framing', async () => {
    const docs = await fetch(`${app.url}/api/docs/`);
    expect(docs.status).toBe(200);
    const csp = docs.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('/metrics', () => {
  it('needs METRICS_TOKEN as a bearer token when one is configured', async () => {
    const guarded = await startTestApp(t.db, { env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
    try {
      const anon = await fetch(`${guarded.url}/metrics`);
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(
        (await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, {
        headers: { authorization: 'Bearer metrics-token-0123456789' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('http_request_duration_seconds');
    } finally {
      await guarded.close();
    }
  });

  it('is not served in production without a token', async () => {
    const prod = await startTestApp(t.db, {
      env: {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://unused/db',
        PUBLIC_URL: 'https://clinic.example',
        RESEND_API_KEY: 're_test_unused',
      },
    });
    try {
      expect((await fetch(`${prod.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${prod.url}/health`)).status).toBe(200);
    } finally {
      await prod.close();
    }
  });
});

it('/health stays up after all of the above', async () => {
  const r = await createClient(app.url).get('/health');
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ status: 'ok' });
});
