/**
 * The black-box probe's findings (issue 21) as rows of the matrix. Those about who may do what are
 * rows of the tables (FINDING_ROWS names them, and the matrix test fails if one disappears); the
 * others are scenarios that need more than one request, run here after the table, each from fresh
 * rate-limit budgets. Every one of them failed on the code the probe ran against.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../app.ts';
import { currentTotp } from '../auth/totp.ts';
import { loadConfig } from '../config/index.ts';
import { DEMO_DOCTORS, DEMO_PASSWORDS } from '../seed/demo.ts';
import { TEST_SECRETS } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';
import type { Mismatch } from './walk.ts';
import type { Harness } from './world.ts';

/** Findings that are table rows: the row keys that state them. */
export const FINDING_ROWS = {
  'an unverified doctor breaks the glass (and a verified one still may)': ['POST /emergency-access'],
  'an unverified doctor writes visits (and a verified one still may)': ['POST /records/visits'],
  'an unverified doctor goes on call (and a verified one still may)': ['PUT /doctors/me/profile'],
  'a walk-in to an unverified doctor hands over the patient (to a verified one it works)': [
    'socket queue.checkIn',
  ],
  'an unverified doctor sees queue identities': ['socket queue.state', 'socket sub'],
  'an unverified doctor reads records and consents': ['GET /records', 'GET /consents'],
  'an admin reads triage without a break-glass': ['GET /triage/:id'],
} as const;

type Probe = { name: string; run: (h: Harness) => Promise<string | undefined> };

const json = (body: unknown) => JSON.stringify(body);
const post = (
  h: Harness,
  path: string,
  init: { headers: Record<string, string>; body: string | Uint8Array },
) => fetch(`${h.app.url}/api/v1${path}`, { method: 'POST', headers: init.headers, body: init.body });
const errorCode = async (r: Response) => {
  try {
    return ((await r.json()) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};
/** A 4xx: refused as the client's fault, neither accepted nor a crash. */
const clientError = (status: number) => status >= 400 && status < 500;

async function resetLinks(h: Harness, email: string): Promise<string[]> {
  await h.app.flushEmails();
  const { rows } = await h.t.db.query<{ text_body: string }>(
    `SELECT text_body FROM dev_mailbox WHERE to_address = $1 AND text_body LIKE '%reset-password?token=%' ORDER BY created_at`,
    [email],
  );
  return rows.map((r) => /reset-password\?token=(\S+)/.exec(r.text_body)![1]!);
}

export const probes: readonly Probe[] = [
  {
    name: 'a patient overriding their own triage to emergency does not move their queue priority',
    run: async (h) => {
      const w = h.world;
      const p = await w.fresh.patient();
      const t = await p.client.post('/api/v1/triage', {
        symptoms: 'A small itchy rash on my forearm for two weeks; otherwise well',
        age: 30,
        sex: 'female',
      });
      if (t.body.priority === 'emergency') return 'the fixture symptoms were triaged as an emergency';
      const o = await p.client.post(`/api/v1/triage/${t.body.id}/override`, {
        priority: 'emergency',
        reason: 'I want to be seen sooner',
      });
      if (o.status !== 200) return `the override answered ${o.status}`;
      const s = await w.fresh.socketOf(p);
      const c = await s.request('queue.checkIn', { doctorId: w.ids.doctorOnCall, triageId: t.body.id });
      if (!c.ok) return `check-in answered ${c.code}`;
      const doctor = createClient(h.app.url);
      await doctor.login(DEMO_DOCTORS[2].email, DEMO_PASSWORDS.doctor);
      const ds = await w.fresh.socketOf({ id: w.ids.doctorOnCall, email: '', password: '', client: doctor });
      const st = await ds.request('queue.state', { doctorId: w.ids.doctorOnCall });
      await s.request('queue.leave', { doctorId: w.ids.doctorOnCall });
      if (!st.ok) return `the doctor's queue.state answered ${st.code}`;
      const e = st.data.snapshot.entries.find((x: { patientId: string }) => x.patientId === p.id);
      if (!e) return 'the entry is not in the queue';
      return e.priority === 1 || e.triagePriority === 1
        ? `queue priority ${e.priority} (triage ${e.triagePriority}): the self-override moved it to the front`
        : undefined;
    },
  },
  {
    name: 'an older reset link is refused once a newer one was used',
    run: async (h) => {
      const p = await h.world.fresh.patient();
      const anon = createClient(h.app.url);
      await anon.post('/api/v1/auth/password/forgot', { email: p.email });
      const [older] = await resetLinks(h, p.email);
      await anon.post('/api/v1/auth/password/forgot', { email: p.email });
      const newer = (await resetLinks(h, p.email)).find((l) => l !== older);
      if (!older || !newer) return 'two reset links were not mailed';
      const used = await anon.post('/api/v1/auth/password/reset', {
        token: newer,
        password: 'the-newer-password',
      });
      if (used.status !== 204) return `the newer link answered ${used.status}`;
      const again = await anon.post('/api/v1/auth/password/reset', {
        token: older,
        password: 'the-older-password',
      });
      return again.status === 400 ? undefined : `the older link answered ${again.status}`;
    },
  },
  {
    name: 'a password reset ends the sessions opened before it',
    run: async (h) => {
      const p = await h.world.fresh.patient();
      const before = await h.world.fresh.session(p);
      const anon = createClient(h.app.url);
      await anon.post('/api/v1/auth/password/forgot', { email: p.email });
      const [link] = await resetLinks(h, p.email);
      const r = await anon.post('/api/v1/auth/password/reset', {
        token: link,
        password: 'a-fresh-password-1',
      });
      if (r.status !== 204) return `the reset answered ${r.status}`;
      const me = await before.get('/api/v1/me');
      const refresh = await before.post('/api/v1/auth/refresh');
      return me.status === 401 && refresh.status === 401
        ? undefined
        : `after the reset: access token ${me.status}, refresh ${refresh.status}`;
    },
  },
  {
    // Any per-IP budget shows it; the reset budget is spent before any password hashing.
    name: 'X-Forwarded-For does not buy a fresh per-IP budget',
    run: async (h) => {
      for (let i = 0; i < 40; i++) {
        const r = await post(h, '/auth/password/reset', {
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
          body: json({ token: `${'z'.repeat(40)}${i}`, password: 'a-new-long-password' }),
        });
        if (r.status === 429) return undefined;
      }
      return '40 reset attempts from rotating X-Forwarded-For addresses were never limited';
    },
  },
  {
    name: 'a NUL character in a JSON string is a 400 naming the field',
    run: async (h) => {
      // Refused, so patient B's name is unchanged.
      const r = await h.world.clients.patientOther.patch('/api/v1/me', { name: 'Mallory\u0000Admin' });
      return r.status === 400 && json(r.body.error?.details ?? '').includes('name')
        ? undefined
        : `answered ${r.status} ${json(r.body)}`;
    },
  },
  {
    name: 'control and bidi characters in a name are a 400 naming the field',
    run: async (h) => {
      const b = h.world.clients.patientOther;
      const bidi = await b.patch('/api/v1/me', { name: 'Dr. \u202Eevil' });
      const control = await b.patch('/api/v1/me', { name: 'Dr.\u0007 Bell' });
      return [bidi, control].every(
        (r) => r.status === 400 && json(r.body.error?.details ?? '').includes('name'),
      )
        ? undefined
        : `bidi ${bidi.status}, control ${control.status}`;
    },
  },
  {
    name: 'charset=latin1 is a 415',
    run: async (h) => {
      const r = await post(h, '/auth/login', {
        headers: { 'content-type': 'application/json; charset=latin1' },
        body: json({ email: 'x@example.test', password: 'whatever-password' }),
      });
      return r.status === 415 ? undefined : `answered ${r.status} ${await errorCode(r)}`;
    },
  },
  {
    name: 'an unknown Content-Encoding is a 415',
    run: async (h) => {
      const r = await post(h, '/auth/login', {
        headers: { 'content-type': 'application/json', 'content-encoding': 'x-matrix' },
        body: json({ email: 'x@example.test', password: 'whatever-password' }),
      });
      return r.status === 415 ? undefined : `answered ${r.status} ${await errorCode(r)}`;
    },
  },
  {
    name: 'a broken gzip body is a 400',
    run: async (h) => {
      const r = await post(h, '/auth/login', {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: Buffer.from('this is not gzip at all'),
      });
      return r.status === 400 ? undefined : `answered ${r.status} ${await errorCode(r)}`;
    },
  },
  {
    name: 'text/plain to a JSON route is a 415',
    run: async (h) => {
      const r = await post(h, '/auth/login', {
        headers: { 'content-type': 'text/plain' },
        body: json({ email: 'x@example.test', password: 'whatever-password' }),
      });
      return r.status === 415 ? undefined : `answered ${r.status} ${await errorCode(r)}`;
    },
  },
  {
    name: 'a TOTP code is good once',
    run: async (h) => {
      const p = await h.world.fresh.patient();
      const setup = await p.client.post('/api/v1/auth/mfa/setup');
      const code = currentTotp(setup.body.secret);
      const on = await p.client.post('/api/v1/auth/mfa/enable', { code });
      if (on.status !== 200) return `enabling MFA answered ${on.status}`;
      const attempt = () =>
        createClient(h.app.url).post('/api/v1/auth/login', {
          email: p.email,
          password: p.password,
          otp: code,
        });
      const first = await attempt();
      const second = await attempt();
      return first.status === 200 && second.status === 200
        ? 'the same code signed in twice'
        : clientError(second.status)
          ? undefined
          : `the replay answered ${second.status}`;
    },
  },
  {
    name: 'DELETE /me is not an unlimited password oracle',
    run: async (h) => {
      const p = await h.world.fresh.patient();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await p.client.request('DELETE', '/api/v1/me', {
          password: `guess-${i}`,
          confirm: 'ERASE',
        });
        statuses.push(r.status);
        if (r.status === 429) return r.headers.get('retry-after') ? undefined : '429 without Retry-After';
      }
      return `12 wrong passwords answered ${statuses.join(', ')}`;
    },
  },
  {
    name: 'API answers carry nosniff and no-store, errors included',
    run: async (h) => {
      const bad: string[] = [];
      for (const [what, r] of [
        ['GET /me', await h.world.clients.patientOwn.get('/api/v1/me')],
        ['an unknown route', await h.world.clients.anonymous.get('/api/v1/no-such-route')],
        ['GET /records', await h.world.clients.patientOwn.get('/api/v1/records')],
      ] as const) {
        if (r.headers.get('x-content-type-options') !== 'nosniff') bad.push(`${what}: no nosniff`);
        if (!/no-store/.test(r.headers.get('cache-control') ?? '')) bad.push(`${what}: no no-store`);
      }
      return bad.length ? bad.join('; ') : undefined;
    },
  },
  {
    name: 'the API docs page is under a CSP that forbids framing',
    run: async (h) => {
      const r = await fetch(`${h.app.url}/api/docs/`);
      const csp = r.headers.get('content-security-policy') ?? '';
      return /frame-ancestors/.test(csp) ? undefined : `CSP: ${csp || 'none'}`;
    },
  },
  {
    name: 'OTP_LOCKED says when to retry',
    run: async (h) => {
      const email = `matrix-otp-${Date.now().toString(36)}@example.test`;
      const c = createClient(h.app.url);
      await c.post('/api/v1/auth/register', { email, password: 'a-long-password', name: 'Otp Locked' });
      for (let i = 0; i < 15; i++) {
        const r = await c.post('/api/v1/auth/register/verify', { email, code: String(100000 + i) });
        if (r.status === 429)
          return r.body.error?.code === 'OTP_LOCKED' && r.headers.get('retry-after')
            ? undefined
            : `429 ${r.body.error?.code} without Retry-After`;
      }
      return '15 wrong codes were never locked';
    },
  },
  {
    name: '/metrics is not public in production',
    run: async (h) => {
      let config;
      try {
        config = loadConfig({
          ...TEST_SECRETS,
          NODE_ENV: 'production',
          LOG_LEVEL: 'silent',
          DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
          PUBLIC_URL: 'https://telehealth.example',
          EMAIL_ALLOW_DEV_MAILBOX: 'true',
          DATA_DIR: h.app.ctx.config.dataDir,
        });
      } catch (err) {
        return `no production configuration: ${(err as Error).message}`;
      }
      // The same context in production mode, on a listener of its own for this one request.
      const server: Server = createServer(createApp({ ...h.app.ctx, config }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
        return [401, 403, 404].includes(r.status) ? undefined : `answered ${r.status}`;
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  },
  {
    name: 'an admin refund above what was paid is refused',
    run: async (h) => {
      const { paymentId } = await h.world.fresh.appointment();
      const r = await h.world.clients.admin.post(`/api/v1/payments/${paymentId}/refunds`, {
        amountMinor: 10_000_000,
        destination: 'wallet',
        reason: 'More than was paid',
      });
      return clientError(r.status) ? undefined : `answered ${r.status} ${json(r.body)}`;
    },
  },
];

export async function runProbes(h: Harness): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const p of probes) {
    h.freshBudgets();
    const id = `probe ${p.name}`;
    try {
      const failure = await p.run(h);
      if (failure) out.push({ id, detail: failure });
    } catch (err) {
      out.push({ id, detail: `threw: ${(err as Error).message}` });
    }
  }
  return out;
}
