/**
 * npm run bench:booking — booking under load against the real PostgreSQL server (TEST_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/test, in a private throw-away database). Prints JSON:
 *   storm:  many patients at one slot at once, several rounds (exactly one winner per round);
 *   mixed:  book / reschedule / cancel over 200 doctors × 30 days for a fixed time;
 *   doubleBookings: counted afterwards by a SQL self-join (must be 0, for doctors and patients);
 *   slotSearch: GET /doctors/:id/slots over 30 days for each of 200 doctors, and /search/doctors
 *   (next free slot of all 200) — p50/p95/p99.
 * Client and server share this process (2 shared cores), so latencies include the client. Bounded
 * well under 2 minutes; BENCH_MIXED_SECONDS, BENCH_STORM_SIZE and BENCH_POOL (connections, default 20:
 * the PostgreSQL server is shared, max_connections 100) tune it.
 */
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { compileSchedule, slotsBetween } from '@telehealth/api/availability/slots';
import { loadSchedules } from '@telehealth/api/availability/store';
import { registerBookingRoutes } from '@telehealth/api/booking/routes';
import { startTestApp } from '@telehealth/api/testing/app';
import { createClient, type TestClient } from '@telehealth/api/testing/client';
import { createTestPostgres } from '@telehealth/platform/testing/db';

const DOCTORS = 200;
const PATIENTS = 2_000;
const DAYS = 30;
const STORM_SIZE = Number(process.env.BENCH_STORM_SIZE ?? 200);
const STORM_ROUNDS = 5;
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 20);
const MIXED_CONCURRENCY = 32;
const DAY = 86_400_000;

const started = performance.now();
// Hard bound: whatever happens, stop before two minutes.
const guard = setTimeout(() => {
  console.error('bench:booking exceeded its time budget; aborting');
  process.exit(2);
}, 115_000);
guard.unref();

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p95: pct(xs, 95),
  p99: pct(xs, 99),
  max: pct(xs, 100),
});

// A small deterministic PRNG so runs are comparable.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

/** Progress on stderr, so stdout stays one JSON document. */
const phase = (name: string) =>
  console.error(`[bench:booking] ${((performance.now() - started) / 1000).toFixed(1)}s ${name}`);

const POOL = Number(process.env.BENCH_POOL ?? 20);
const t = await createTestPostgres({ max: POOL });
const app = await startTestApp(t.db, { modules: [registerBookingRoutes] });
try {
  phase('seeding');
  // ---- data: 200 doctors in five zones (weekday 09-17 + evening 18-22 every day), 2000 patients ----
  const zones = ['Asia/Kolkata', 'America/New_York', 'Europe/London', 'Asia/Tokyo', 'UTC'];
  await t.db.exec(`
    INSERT INTO users (email, name, role, password_hash, timezone)
      SELECT 'bench.doc' || i || '@example.test', 'Dr. Bench ' || i, 'doctor', 'x', (ARRAY['${zones.join("','")}'])[1 + i % 5]
      FROM generate_series(1, ${DOCTORS}) AS i;
    INSERT INTO doctor_profiles (user_id, specialty, languages, fee_minor, currency, timezone, slot_minutes, buffer_minutes, verified_at)
      SELECT id, (ARRAY['General Medicine','Cardiology','Pediatrics','Dermatology'])[1 + (row_number() OVER ())::int % 4], '{en}',
             1000 + (row_number() OVER ())::int * 50, 'USD', timezone, (ARRAY[15, 20, 30])[1 + (row_number() OVER ())::int % 3],
             (ARRAY[0, 5])[1 + (row_number() OVER ())::int % 2], now()
      FROM users WHERE role = 'doctor';
    INSERT INTO availability_rules (doctor_id, weekday, start_minute, end_minute)
      SELECT user_id, wd, 540, 1020 FROM doctor_profiles, generate_series(1, 5) AS wd
      UNION ALL SELECT user_id, wd, 1080, 1320 FROM doctor_profiles, generate_series(1, 7) AS wd;
    INSERT INTO users (email, name, role, password_hash, timezone)
      SELECT 'bench.pat' || i || '@example.test', 'Patient ' || i, 'patient', 'x', 'UTC' FROM generate_series(1, ${PATIENTS}) AS i;
    ANALYZE;
  `);
  const doctorIds = (
    await t.db.query<{ user_id: string }>(`SELECT user_id FROM doctor_profiles ORDER BY user_id`)
  ).rows.map((r) => r.user_id);
  const patientIds = (
    await t.db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'patient' ORDER BY id`)
  ).rows.map((r) => r.id);
  const clients = new Map<string, TestClient>();
  const clientFor = async (userId: string) => {
    let c = clients.get(userId);
    if (!c) {
      c = createClient(app.url);
      c.token = await app.ctx.tokens.sign({ userId, role: 'patient' }, 3600);
      clients.set(userId, c);
    }
    return c;
  };

  // Offered slots per doctor (ignoring bookings), from the pure generator: what clients would pick from.
  const now = Date.now();
  const from = now + 2 * 3_600_000;
  const to = now + DAYS * DAY;
  const schedules = await loadSchedules(t.db, doctorIds, Math.floor(now / DAY) - 2, Math.floor(to / DAY) + 2);
  const offered = new Map<string, string[][]>(); // doctor -> per day index -> ISO starts
  let offeredTotal = 0;
  for (const id of doctorIds) {
    const byDay: string[][] = Array.from({ length: DAYS }, () => []);
    for (const s of slotsBetween(compileSchedule(schedules.get(id)!), from, to)) {
      byDay[Math.min(DAYS - 1, Math.floor((s.start - now) / DAY))]!.push(new Date(s.start).toISOString());
      offeredTotal++;
    }
    offered.set(id, byDay);
  }

  phase('storm');
  // ---- storm: STORM_SIZE distinct patients at one slot, STORM_ROUNDS times ----
  const storm = {
    rounds: STORM_ROUNDS,
    attemptsPerRound: STORM_SIZE,
    attempts: 0,
    successes: 0,
    conflicts: 0,
    errors: 0,
    latencyMs: [] as number[],
    wallMs: 0,
    roundWallMs: [] as number[],
  };
  const errorKinds: Record<string, number> = {};
  const noteError = (r: { status: number; body: { error?: { code?: string } } | undefined }) => {
    const k = `${r.status} ${r.body?.error?.code ?? ''}`.trim();
    errorKinds[k] = (errorKinds[k] ?? 0) + 1;
  };
  for (let round = 0; round < STORM_ROUNDS; round++) {
    const doctor = doctorIds[round]!;
    const slot = offered.get(doctor)!.find((d) => d.length > 0)![0]!;
    const crowd = await Promise.all(
      patientIds.slice(round * STORM_SIZE, (round + 1) * STORM_SIZE).map(clientFor),
    );
    const t0 = performance.now();
    const results = await Promise.all(
      crowd.map(async (c) => {
        const s = performance.now();
        const r = await c.post('/api/v1/appointments', { doctorId: doctor, startsAt: slot });
        storm.latencyMs.push(performance.now() - s);
        if (r.status !== 201 && r.status !== 409) noteError(r);
        return r.status;
      }),
    );
    storm.wallMs += performance.now() - t0;
    storm.roundWallMs.push(Math.round(performance.now() - t0));
    storm.attempts += results.length;
    const wins = results.filter((s) => s === 201).length;
    if (wins !== 1) throw new Error(`storm round ${round}: ${wins} winners`);
    storm.successes += wins;
    storm.conflicts += results.filter((s) => s === 409).length;
    storm.errors += results.filter((s) => s !== 201 && s !== 409).length;
  }

  phase('mixed');
  // ---- mixed: book (80 %), reschedule one of mine (10 %), cancel one of mine (10 %) for MIXED_SECONDS ----
  const mixed = {
    seconds: MIXED_SECONDS,
    concurrency: MIXED_CONCURRENCY,
    attempts: 0,
    successes: 0,
    bookings: 0,
    reschedules: 0,
    cancels: 0,
    conflicts: { SLOT_TAKEN: 0, PATIENT_OVERLAP: 0, other: 0 },
    errors: 0,
    latencyMs: { book: [] as number[], reschedule: [] as number[], cancel: [] as number[] },
  };
  const mine = new Map<string, string[]>(); // patient -> live appointment ids
  const mixedPatients = patientIds.slice(STORM_ROUNDS * STORM_SIZE);
  // Demand is skewed to the near term (day ~ 30 * r^2) and to a third of the doctors, so slots collide.
  const randomSlot = () => {
    const doctor = rand() < 0.7 ? doctorIds[Math.floor(rand() * (DOCTORS / 3))]! : pick(doctorIds);
    const days = offered.get(doctor)!;
    let day = Math.floor(DAYS * rand() * rand());
    while (days[day]!.length === 0) day = (day + 1) % DAYS;
    return { doctor, startsAt: pick(days[day]!) };
  };
  const mixedStart = performance.now();
  const until = mixedStart + MIXED_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: MIXED_CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const patient = pick(mixedPatients);
        const c = await clientFor(patient);
        const held = mine.get(patient) ?? [];
        const roll = rand();
        const kind =
          held.length > 0 && roll < 0.1 ? 'reschedule' : held.length > 0 && roll < 0.2 ? 'cancel' : 'book';
        const s = performance.now();
        let r;
        if (kind === 'book') {
          const slot = randomSlot();
          r = await c.post('/api/v1/appointments', { doctorId: slot.doctor, startsAt: slot.startsAt });
          if (r.status === 201) mine.set(patient, [...held, r.body.id]);
        } else {
          const id = pick(held);
          if (kind === 'cancel') {
            r = await c.post(`/api/v1/appointments/${id}/cancel`, {});
            if (r.status === 200)
              mine.set(
                patient,
                held.filter((x) => x !== id),
              );
          } else {
            const doctor = (
              await t.db.query<{ doctor_id: string }>(`SELECT doctor_id FROM appointments WHERE id = $1`, [
                id,
              ])
            ).rows[0]!.doctor_id;
            const days = offered.get(doctor)!;
            r = await c.post(`/api/v1/appointments/${id}/reschedule`, {
              startsAt: pick(days.find((d) => d.length > 0)!),
            });
          }
        }
        mixed.latencyMs[kind].push(performance.now() - s);
        mixed.attempts++;
        if (r.status === 200 || r.status === 201) {
          mixed.successes++;
          if (kind === 'book') mixed.bookings++;
          else if (kind === 'cancel') mixed.cancels++;
          else mixed.reschedules++;
        } else if (r.status === 409 || r.status === 422) {
          const code = r.body?.error?.code as string;
          if (code === 'SLOT_TAKEN' || code === 'PATIENT_OVERLAP') mixed.conflicts[code]++;
          else mixed.conflicts.other++;
        } else {
          mixed.errors++;
          noteError(r);
        }
      }
    }),
  );
  const mixedWallMs = performance.now() - mixedStart;

  phase('proof');
  // ---- proof: overlapping live appointments, by SQL self-join ----
  const live = `status IN ('pending', 'confirmed', 'completed', 'no_show')`;
  const doubleBookings = (
    await t.db.query<{ doctor: number; patient: number }>(
      `SELECT
         (SELECT count(*)::int FROM appointments a JOIN appointments b ON a.doctor_id = b.doctor_id AND a.id < b.id
            AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)
          WHERE a.${live} AND b.${live}) AS doctor,
         (SELECT count(*)::int FROM appointments a JOIN appointments b ON a.patient_id = b.patient_id AND a.id < b.id
            AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
          WHERE a.${live} AND b.${live}) AS patient`,
    )
  ).rows[0]!;
  const appointmentRows = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appointments`))
    .rows[0]!.n;

  phase('slot search');
  // ---- slot search: 30 days for each of 200 doctors; then the doctor search with next free slot ----
  const searcher = await clientFor(patientIds[0]!);
  const slotLatency: number[] = [];
  let slotsReturned = 0;
  const range = `from=${encodeURIComponent(new Date(now).toISOString())}&to=${encodeURIComponent(new Date(now + DAYS * DAY).toISOString())}`;
  const queue = [...doctorIds];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const s = performance.now();
        const r = await searcher.get(`/api/v1/doctors/${id}/slots?${range}&tz=Asia/Kolkata`);
        slotLatency.push(performance.now() - s);
        if (r.status !== 200) throw new Error(`slots ${r.status} ${JSON.stringify(r.body)}`);
        slotsReturned += r.body.slots.length;
      }
    }),
  );
  phase('doctor search');
  const searchLatency: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    const r = await searcher.get(`/api/v1/search/doctors?pageSize=20${i % 2 ? '&specialty=Cardiology' : ''}`);
    searchLatency.push(performance.now() - s);
    if (r.status !== 200) throw new Error(`search ${r.status}`);
  }

  const out = {
    machine: {
      cpus: cpus().length,
      loadavg1m: Math.round(loadavg()[0]! * 100) / 100,
      node: process.version,
      pool: POOL,
    },
    data: { doctors: DOCTORS, patients: PATIENTS, days: DAYS, offeredSlots: offeredTotal, appointmentRows },
    storm: {
      rounds: storm.rounds,
      attemptsPerRound: storm.attemptsPerRound,
      attempts: storm.attempts,
      successes: storm.successes,
      conflicts: storm.conflicts,
      errors: storm.errors,
      latencyMs: summary(storm.latencyMs),
      attemptsPerSecond: Math.round(storm.attempts / (storm.wallMs / 1000)),
      roundWallMs: storm.roundWallMs,
    },
    mixed: {
      seconds: mixed.seconds,
      concurrency: mixed.concurrency,
      attempts: mixed.attempts,
      successes: mixed.successes,
      bookings: mixed.bookings,
      reschedules: mixed.reschedules,
      cancels: mixed.cancels,
      conflicts: mixed.conflicts,
      errors: mixed.errors,
      bookingsPerSecond: Math.round((mixed.bookings / (mixedWallMs / 1000)) * 10) / 10,
      attemptsPerSecond: Math.round((mixed.attempts / (mixedWallMs / 1000)) * 10) / 10,
      latencyMs: {
        book: summary(mixed.latencyMs.book),
        reschedule: summary(mixed.latencyMs.reschedule),
        cancel: summary(mixed.latencyMs.cancel),
      },
    },
    errorKinds,
    doubleBookings: { doctor: doubleBookings.doctor, patient: doubleBookings.patient },
    slotSearch: {
      perDoctor30Days: {
        requests: slotLatency.length,
        concurrency: 4,
        slotsReturned,
        latencyMs: summary(slotLatency),
      },
      doctorSearchNextSlot: {
        requests: searchLatency.length,
        doctorsConsidered: DOCTORS,
        latencyMs: summary(searchLatency),
      },
    },
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  console.log(JSON.stringify(out, null, 2));
  if (doubleBookings.doctor !== 0 || doubleBookings.patient !== 0) process.exitCode = 1;
} finally {
  await app.close();
  await t.drop();
}
