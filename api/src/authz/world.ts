/**
 * The fixture world of the authorization matrix: one real API (every module), the real signaling
 * tier with the SFU as the host wires it (realtime/index.ts), real PostgreSQL. Accounts and objects
 * are made through the API and the socket wherever they can be; the demo seed supplies what no API
 * creates (the admin, verified doctors and their availability).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignalingClient, SignalingClientError, type WebSocketCtor } from '@telehealth/signaling/client';
import WebSocket from 'ws';
import { demoSignupHooks, domainModules, domainSeeders } from '../modules.ts';
import { completeAppointment } from '../booking/service.ts';
import { creditPromotion } from '../payments/wallet.ts';
import { startRealtime, type Realtime } from '../realtime/index.ts';
import { DEMO_ADMIN, DEMO_DOCTORS, DEMO_PASSWORDS, seedDemo } from '../seed/demo.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../security/rate-limit.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';
import { createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { labReportPdf } from './fixtures.ts';
import type { Account, SocketActor, SocketReply, World } from './types.ts';

const HOUR = 3_600_000;
const PATIENT_PASSWORD = 'matrix-patient-password';
const DOCTOR_PASSWORD = 'matrix-doctor-password';

export interface Harness {
  world: World;
  app: TestApp;
  t: TestDb;
  realtime: Realtime;
  /**
   * Gives every rate-limit budget a fresh start. The whole walk comes from one IP and a handful of
   * accounts; each row starts from fresh budgets so no row's outcome depends on another's spending
   * (the probes that are about budgets spend them on purpose).
   */
  freshBudgets(): void;
  /** ws://… of the signaling listener. */
  wsUrl: string;
  close(): Promise<void>;
}

function must<T = any>(r: { status: number; body: any }, status: number | number[], what: string): T {
  const ok = Array.isArray(status) ? status.includes(r.status) : r.status === status;
  if (!ok) throw new Error(`fixture: ${what} answered ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** The real limiter with keys under a generation prefix: next() starts every budget afresh. */
function scopedLimiter(inner: RateLimiter): { limiter: RateLimiter; next(): void } {
  let gen = 0;
  const k = (key: string) => `${gen}|${key}`;
  return {
    limiter: {
      hit: (key, limit, windowMs) => inner.hit(k(key), limit, windowMs),
      peek: (key, limit) => inner.peek(k(key), limit),
      reset: (key) => inner.reset(k(key)),
    },
    next: () => void gen++,
  };
}

export async function buildWorld(): Promise<Harness> {
  const t = await createTestPostgres();
  const demo = (await seedDemo(t.db, { seeders: domainSeeders }))!;
  const dataDir = mkdtempSync(join(tmpdir(), 'th-authz-'));
  const budgets = scopedLimiter(createMemoryRateLimiter());
  const limiter = budgets.limiter;
  const app = await startTestApp(t.db, {
    modules: domainModules,
    onUserCreated: demoSignupHooks,
    limiter,
    // PORT/HOST: where the socket tier's front door binds (any free port on loopback).
    env: { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
  });
  // The host's own wiring of the socket tier (handlers, authorizer, SFU). The rows reach the API on
  // the test app's listener and the socket on the front door, whose HTTP side is not used here.
  const realtime = await startRealtime(app.ctx, createServer(), {
    ...process.env,
    WS_SWEEP_INTERVAL_S: '0',
    WS_RATE_CONN_PER_S: '1000',
    WS_RATE_CONN_BURST: '1000',
    WS_RATE_USER_PER_S: '2000',
    WS_RATE_USER_BURST: '2000',
    WS_MAX_VIOLATIONS_PER_MIN: '1000',
    WS_MAX_CONN_PER_USER: '50',
    // One worker on a port the OS picks: the default fixed port may be taken on a shared machine.
    SFU_WORKERS: '1',
    SFU_RTC_PORT_BASE: '0',
  });
  if (!realtime.sfu) {
    await realtime.close();
    throw new Error('fixture: the SFU did not start (is MEDIASOUP_WORKER_BIN set?); call.* rows need it');
  }
  const wsUrl = `ws://127.0.0.1:${realtime.port}${realtime.signaling.config.WS_PATH}`;
  const openSockets: SignalingClient[] = [];

  const login = async (email: string, password: string) => {
    const c = createClient(app.url);
    await c.login(email, password);
    return c;
  };
  const idOf = async (c: TestClient) => must<{ id: string }>(await c.get('/api/v1/me'), 200, 'GET /me').id;

  let signups = 0;
  /** Sign-up through the API: the emailed code from the dev mailbox, then the session it returns. */
  async function signUp(role: 'patient' | 'doctor', name: string): Promise<Account> {
    const email = `matrix-${role}-${++signups}-${Date.now().toString(36)}@example.test`;
    const password = role === 'patient' ? PATIENT_PASSWORD : DOCTOR_PASSWORD;
    const c = createClient(app.url);
    must(
      await c.post('/api/v1/auth/register', { email, password, name, role, timezone: 'Asia/Kolkata' }),
      202,
      'register',
    );
    // The outbox is delivered in batches: drain until the code is there or nothing is left.
    let code: string | undefined;
    for (;;) {
      const sent = await app.flushEmails();
      const { rows } = await t.db.query<{ text_body: string }>(
        'SELECT text_body FROM dev_mailbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1',
        [email],
      );
      code = /\b(\d{6})\b/.exec(rows[0]?.text_body ?? '')?.[1];
      if (code || sent === 0) break;
    }
    if (!code) throw new Error(`fixture: no sign-up code mailed to ${email}`);
    const s = must(await c.post('/api/v1/auth/register/verify', { email, code }), 201, 'register/verify');
    c.token = s.accessToken;
    return { id: s.user.id, email, password, client: c };
  }

  async function socketOf(account: Account): Promise<SocketActor> {
    const sc = new SignalingClient({
      url: wsUrl,
      getToken: async () => account.client.token!,
      WebSocket: WebSocket as unknown as WebSocketCtor,
      minReconnectMs: 50,
      maxReconnectMs: 500,
      requestTimeoutMs: 10_000,
    });
    await sc.connect();
    openSockets.push(sc);
    return {
      userId: account.id,
      async request(type, fields): Promise<SocketReply> {
        try {
          return { ok: true, data: await sc.request(type, fields) };
        } catch (err) {
          if (err instanceof SignalingClientError) return { ok: false, code: err.code, message: err.message };
          throw err;
        }
      },
      close: () => sc.close(),
    };
  }
  const ack = async (s: SocketActor, type: string, fields: Record<string, unknown>) => {
    const r = await s.request(type, fields);
    if (!r.ok) throw new Error(`fixture: ${type} answered ${r.code} ${r.message}`);
    return r.data;
  };

  // ---------------------------------------------------------------- accounts
  const demoAccount = async (email: string, password: string): Promise<Account> => {
    const client = await login(email, password);
    return { id: await idOf(client), email, password, client };
  };
  const admin = await demoAccount(DEMO_ADMIN.email, DEMO_PASSWORDS.admin);
  const treating = await demoAccount(DEMO_DOCTORS[0].email, DEMO_PASSWORDS.doctor); // on call
  const unrelated = await demoAccount(DEMO_DOCTORS[1].email, DEMO_PASSWORDS.doctor);
  const onCall = await demoAccount(DEMO_DOCTORS[2].email, DEMO_PASSWORDS.doctor); // on call
  const emergencyDoctor = await demoAccount(DEMO_DOCTORS[3].email, DEMO_PASSWORDS.doctor);
  const patientA = await signUp('patient', 'Asha Patient');
  const patientB = await signUp('patient', 'Bela Patient');
  // Many rows book and pay fresh visits of A's; no API adds credit without a payment gateway.
  await creditPromotion(t.db, patientA.id, 'INR', 5_000_000, 'Authorization matrix fixture');
  /** A doctor who signed up and filled in a profile; no admin verified them. */
  async function selfRegisteredDoctor() {
    const d = await signUp('doctor', 'Dr. Self Registered');
    must(
      await d.client.put('/api/v1/doctors/me/profile', {
        specialty: 'General Medicine',
        languages: ['en'],
        feeMinor: 40_000,
        currency: 'INR',
        timezone: 'Asia/Kolkata',
      }),
      200,
      'unverified doctor profile',
    );
    return d;
  }
  const unverified = await selfRegisteredDoctor();
  if (!demo.doctorIds.includes(treating.id))
    throw new Error('fixture: the treating doctor is not a demo doctor');

  // ---------------------------------------------------------------- slots and appointments
  const taken = new Set<string>();
  async function slot(doctorId = treating.id): Promise<string> {
    // Two hours ahead: an appointment must not open its call room (or start) during the walk.
    const from = new Date(Date.now() + 2 * HOUR).toISOString();
    const r = must<{ slots: { startsAt: string }[] }>(
      await patientA.client.get(`/api/v1/doctors/${doctorId}/slots?from=${encodeURIComponent(from)}`),
      200,
      'slots',
    );
    // One booking per start time whatever the doctor: patient A may not be in two places at once.
    const s = r.slots.find((x) => !taken.has(x.startsAt));
    if (!s) throw new Error('fixture: the doctor has no free slot left this week');
    taken.add(s.startsAt);
    return s.startsAt;
  }
  async function appointment(opts: { pending?: boolean } = {}) {
    const a = must<{ id: string }>(
      await patientA.client.post('/api/v1/appointments', { doctorId: treating.id, startsAt: await slot() }),
      201,
      'book',
    );
    if (opts.pending) return { id: a.id };
    const p = must<{ id: string }>(
      await patientA.client.post(`/api/v1/appointments/${a.id}/pay`, { method: 'wallet' }),
      201,
      'pay',
    );
    return { id: a.id, paymentId: p.id };
  }

  const sockets = {
    patientOwn: await socketOf(patientA),
    patientOther: await socketOf(patientB),
    doctorUnverified: await socketOf(unverified),
    doctorUnrelated: await socketOf(unrelated),
    doctorTreating: await socketOf(treating),
    admin: await socketOf(admin),
  };

  // ---------------------------------------------------------------- patient A's objects
  const triage = must<{ id: string }>(
    await patientA.client.post('/api/v1/triage', {
      symptoms: 'Mild headache since this morning, no fever',
      age: 34,
      sex: 'female',
    }),
    201,
    'triage',
  );
  const appt = await appointment();
  // A walks in to the treating doctor's queue, is called, and both join the call: the queue visit,
  // the consultation and its chat.
  const { entryId } = await ack(sockets.patientOwn, 'queue.checkIn', { doctorId: treating.id });
  const called = await ack(sockets.doctorTreating, 'queue.callNext', {});
  if (called.called?.entryId !== entryId) throw new Error('fixture: callNext did not call patient A');
  const roomId: string = called.called.roomId;
  await ack(sockets.patientOwn, 'sub', { topic: `call:${roomId}` });
  await ack(sockets.doctorTreating, 'sub', { topic: `call:${roomId}` });
  const joined = await ack(sockets.patientOwn, 'call.join', { roomId });
  await ack(sockets.doctorTreating, 'call.join', { roomId });

  async function upload(c: TestClient, marker: string, patientId?: string) {
    const q = new URLSearchParams({ filename: `${marker}.pdf`, ...(patientId ? { patientId } : {}) });
    const res = await fetch(`${app.url}/api/v1/records/files?${q}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/pdf' },
      body: await labReportPdf(marker),
    });
    const body = (await res.json()) as { id: string };
    must({ status: res.status, body }, 201, 'upload');
    return body.id;
  }
  const fileId = await upload(patientA.client, 'lab-report');
  const consent = must<{ id: string }>(
    await patientA.client.post('/api/v1/consents', { doctorId: treating.id, scope: 'all' }),
    201,
    'consent',
  );
  const visit = must<{ id: string; prescriptions: { id: string }[] }>(
    await treating.client.post('/api/v1/records/visits', {
      patientId: patientA.id,
      appointmentId: appt.id,
      notes: 'Tension-type headache; hydration and rest.',
      diagnoses: [{ description: 'Tension-type headache' }],
      prescriptions: [
        {
          drug: 'Paracetamol',
          dose: '500 mg',
          route: 'oral',
          frequency: 'every 6 hours as needed',
          duration: '3 days',
        },
      ],
    }),
    201,
    'visit',
  );

  /**
   * Ending a booked visit's call completes it (consultations/calls.ts); the call window is minutes
   * around the start, so the rows' visits, hours away, are completed by the same function directly.
   */
  async function completedAppointment() {
    const { id } = await appointment();
    if (!(await completeAppointment(t.db, id, treating.id))) throw new Error('fixture: visit not completed');
    return id;
  }
  const ratedAppointmentId = await completedAppointment();
  must(
    await patientA.client.post(`/api/v1/appointments/${ratedAppointmentId}/rating`, {
      stars: 5,
      comment: 'Clear and kind',
    }),
    201,
    'rating',
  );

  const justification = 'Patient reported chest pain overnight; reviewing the history before calling.';
  let throwaway: Account | undefined;
  async function emergencyAccess() {
    return must<{ id: string }>(
      await emergencyDoctor.client.post('/api/v1/emergency-access', {
        patientId: patientA.id,
        reasonCode: 'urgent_continuity_of_care',
        justification,
      }),
      201,
      'emergency access',
    ).id;
  }
  let exceptionDay = 20;
  let seq = 0;
  async function exception(doctor: TestClient) {
    const date = new Date(Date.now() + exceptionDay++ * 24 * HOUR).toISOString().slice(0, 10);
    return must<{ id: string }>(
      await doctor.post('/api/v1/doctors/me/availability/exceptions', {
        date,
        kind: 'extra',
        start: '07:00',
        end: '08:00',
      }),
      201,
      'availability exception',
    ).id;
  }

  const world: World = {
    url: app.url,
    clients: {
      anonymous: createClient(app.url),
      patientOwn: patientA.client,
      patientOther: patientB.client,
      doctorUnverified: unverified.client,
      doctorUnrelated: unrelated.client,
      doctorTreating: treating.client,
      admin: admin.client,
    },
    sockets,
    accounts: {
      patientOwn: patientA,
      patientOther: patientB,
      doctorUnverified: unverified,
      doctorUnrelated: unrelated,
      doctorTreating: treating,
      admin,
    },
    ids: {
      patientA: patientA.id,
      patientB: patientB.id,
      doctorUnverified: unverified.id,
      doctorUnrelated: unrelated.id,
      doctorTreating: treating.id,
      admin: admin.id,
      doctorOnCall: onCall.id,
    },
    a: {
      appointmentId: appt.id,
      paymentId: appt.paymentId!,
      triageId: triage.id,
      fileId,
      visitId: visit.id,
      prescriptionId: visit.prescriptions[0]!.id,
      consentId: consent.id,
      queueEntryId: entryId,
      roomId,
      conversationId: joined.conversationId,
      emergencyAccessId: await emergencyAccess(),
      exceptionId: await exception(treating.client),
      ratedAppointmentId,
    },
    fresh: {
      patient: () => signUp('patient', 'Fresh Patient'),
      appointment,
      slot,
      file: () => upload(patientA.client, `fresh-${Date.now()}`),
      consent: async () =>
        must<{ id: string }>(
          await patientA.client.post('/api/v1/consents', {
            doctorId: treating.id,
            scope: 'record',
            recordId: fileId,
          }),
          201,
          'record consent',
        ).id,
      exception,
      seq: () => ++seq,
      emergencyAccess,
      breakGlass: async () => {
        throwaway ??= await signUp('patient', 'Break Glass Subject');
        return must<{ id: string }>(
          await admin.client.post('/api/v1/admin/break-glass', {
            patientId: throwaway.id,
            reason: 'Reviewing a complaint about this account’s care (ticket 4711).',
          }),
          201,
          'admin break-glass',
        ).id;
      },
      doctor: selfRegisteredDoctor,
      completedAppointment,
      proposal: async () => {
        const { id } = await appointment();
        return must<{ id: string }>(
          await treating.client.post(`/api/v1/appointments/${id}/proposals`, {
            kind: 'reschedule',
            startsAt: await slot(),
            note: 'Could we move this?',
          }),
          201,
          'proposal',
        ).id;
      },
      queueEntry: async () => {
        const patient = await signUp('patient', 'Queue Patient');
        const s = await socketOf(patient);
        const r = await ack(s, 'queue.checkIn', { doctorId: treating.id });
        return { entryId: r.entryId as string, patient };
      },
      callRoom: async () => {
        const patient = await signUp('patient', 'Call Patient');
        const patientSocket = await socketOf(patient);
        const { entryId: id } = await ack(patientSocket, 'queue.checkIn', { doctorId: treating.id });
        // Others may be waiting (rows leave entries behind): the doctor moves this one to the front.
        await ack(sockets.doctorTreating, 'queue.setPriority', { entryId: id, priority: 1 });
        const c = await ack(sockets.doctorTreating, 'queue.callNext', {});
        if (c.called?.entryId !== id) throw new Error('fixture: callNext did not call the fresh patient');
        const room: string = c.called.roomId;
        for (const s of [patientSocket, sockets.doctorTreating]) {
          await ack(s, 'sub', { topic: `call:${room}` });
          await ack(s, 'call.join', { roomId: room });
        }
        return { roomId: room, patient, patientSocket };
      },
      socketOf,
      session: (account) => login(account.email, account.password),
    },
  };

  return {
    world,
    app,
    t,
    realtime,
    freshBudgets: budgets.next,
    wsUrl,
    async close() {
      for (const s of openSockets) s.close();
      await realtime.close();
      await app.close();
      await t.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
