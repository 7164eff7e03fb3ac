/**
 * Signaling benchmark: our uWS server against Socket.IO 4 (WebSocket transport only) under the same
 * workloads, on this machine, in one process tree:
 *
 *   driver (this process: load generator + report)
 *     ├─ child: ours           uWS + JWT + zod + sanitising + topic authz + PostgreSQL (group commit)
 *     ├─ child: door           the same server as `npm start` serves it (api/src/serve.ts: REST API, web
 *     │                        app, socket tier on one origin), clients on the origin's /ws
 *     ├─ child: socketio-full  Socket.IO doing the same work with the same code (same workload)
 *     └─ child: socketio       Socket.IO, JWT at connect, in memory (Socket.IO's lower bound)
 *
 * Each server reports process.cpuUsage / memoryUsage over IPC.
 *
 * Workloads
 *   (a) chat fan-out: R rooms × M members, one sender per room with W messages in flight; every
 *       member receives every message. Delivered messages/s, p50/p99 send→receive latency, and the
 *       server's CPU time per delivered message (the number that matters on 2 shared cores, where the
 *       load generator caps raw throughput).
 *   (b) memory per idle authenticated connection at N connections (RSS delta after GC).
 *   (c) queue update fan-out: Q waiting clients, the doctor calls next, each client's time from the
 *       call to its own position update; p50/p99 over several calls.
 *
 * Rounds alternate the servers; medians are reported. Prints one JSON document.
 *
 * Usage: npm run bench:signaling [-- --rooms 20 --members 10 --seconds 5 --window 4 --warmup 3 --idle 10000
 *        --queue 1000 --calls 5 --repeat 3 --only=chat,idle,queue --servers=ours,door,socketio-full,socketio,uws]
 * Needs PostgreSQL (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test); BENCH_PROF=dir
 * writes V8 CPU profiles of the server processes; BENCH_PERF=1 lets `perf` name their JS frames.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createTokenService } from '@telehealth/platform/auth/tokens';
import { createPostgresDb } from '@telehealth/platform/db/index';
import { createTestPostgres } from '@telehealth/platform/testing/db';
import WebSocket from 'ws';

// At least 32 characters: the front-door server checks its JWT_SECRET like production does.
const SECRET = 'bench-secret-not-for-production-use';
const tokens = createTokenService(SECRET);

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

// ---------------------------------------------------------------- servers (child processes)

type ServerCmd = { cmd: 'stats'; id: number } | { cmd: 'gc'; id: number } | { cmd: 'stop'; id: number };

async function runOurServer(dbUrl: string) {
  const { createSignalingServer, createMemoryBus } = await import('@telehealth/signaling');
  const db = createPostgresDb(dbUrl, { max: 16 });
  const bus = createMemoryBus();
  const server = createSignalingServer(
    { db, bus, tokens },
    {
      WS_PORT: 0,
      // Limits raised for load generation only; every check still runs.
      WS_RATE_CONN_PER_S: 100_000,
      WS_RATE_CONN_BURST: 100_000,
      WS_RATE_USER_PER_S: 100_000,
      WS_RATE_USER_BURST: 100_000,
      WS_MAX_CONN_PER_USER: 1000,
      WS_MAX_BACKPRESSURE: 16 * 1024 * 1024,
      WS_SWEEP_INTERVAL_S: 0,
    },
  );
  const port = await server.listen();
  serveIpc(port, async () => {
    await server.close({ force: true });
    await db.close();
  });
}

/**
 * What `npm start` serves (api/src/serve.ts), with the same limits as `ours`: the clients reach the
 * socket tier through the origin's front door, as browsers do. No SFU (not on the frame path).
 */
async function runDoorServer(dbUrl: string) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { loadConfig } = await import('@telehealth/api/config/index');
  const { createLogger } = await import('@telehealth/api/observability/logger');
  const { startServer } = await import('@telehealth/api/serve');
  const dataDir = mkdtempSync(join(tmpdir(), 'th-bench-door-'));
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: dbUrl,
    DATABASE_POOL_MAX: '16',
    JWT_SECRET: SECRET,
    RECORDS_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    WS_RATE_CONN_PER_S: '100000',
    WS_RATE_CONN_BURST: '100000',
    WS_RATE_USER_PER_S: '100000',
    WS_RATE_USER_BURST: '100000',
    WS_MAX_CONN_PER_USER: '1000',
    WS_MAX_BACKPRESSURE: String(16 * 1024 * 1024),
    WS_SWEEP_INTERVAL_S: '0',
  };
  const running = await startServer(loadConfig(env), createLogger('error'), { sfu: false, env });
  serveIpc(running.port, async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
}

type QueueSeed = { entryId: string; patientId: string };

/** The in-memory state of the bare relays (Socket.IO and uWS): chat sequence numbers and queues. */
function memoryRelayState() {
  const seqs = new Map<string, number>();
  const queues = new Map<string, QueueSeed[]>();
  let version = 0;
  return {
    nextSeq(topic: string) {
      const seq = (seqs.get(topic) ?? 0) + 1;
      seqs.set(topic, seq);
      return seq;
    },
    seed(doctorId: string, patients: QueueSeed[]) {
      queues.set(doctorId, [...patients]);
    },
    /** The called entry and, per patient still waiting, the position update to push. */
    callNext(doctorId: string) {
      const q = queues.get(doctorId) ?? [];
      const called = q.shift() ?? null;
      version++;
      const updates = q.map((e, i) => ({
        patientId: e.patientId,
        data: {
          doctorId,
          entryId: e.entryId,
          version,
          status: 'waiting',
          position: i + 1,
          etaSeconds: i * 900,
        },
      }));
      return { called, updates };
    },
  };
}

/**
 * Socket.IO 4 baselines. `full` does the same work per request as our server, with the same code:
 * zod validation, text sanitising, topic authorisation, the same group-commit chat writer and the
 * same PostgreSQL queue transitions. Without `full` it is the in-memory minimum (JWT at connect only).
 */
async function runSocketIoServer(dbUrl: string, full: boolean) {
  const { Server } = await import('socket.io');
  const { Requests } = await import('@telehealth/signaling/protocol');
  const { sanitizeChatText } = await import('@telehealth/signaling/sanitize');
  const { createChatWriter } = await import('@telehealth/signaling/chat/writer');
  const { createDefaultAuthorizer } = await import('@telehealth/signaling/authorize');
  const queueStore = await import('@telehealth/signaling/queue/store');
  const db = full ? createPostgresDb(dbUrl, { max: 16 }) : null;
  const writer = db ? createChatWriter(db) : null;
  const authorize = db ? createDefaultAuthorizer(db) : null;
  const ChatSend = Requests['chat.send'].omit({ v: true, type: true, id: true });
  const Sub = Requests.sub.omit({ v: true, type: true, id: true });
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });
  // In-memory state for the minimal baseline.
  const mem = memoryRelayState();
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string') return next(new Error('unauthorized'));
    tokens.verify(token).then((r) => {
      if (!r.ok) return next(new Error('unauthorized'));
      socket.data.userId = r.principal.userId;
      socket.data.role = r.principal.role;
      next();
    }, next);
  });
  io.on('connection', (socket) => {
    const principal = () => ({ userId: socket.data.userId as string, role: socket.data.role as 'patient' });
    socket.join(`user:${socket.data.userId as string}`);
    socket.on('sub', async (raw: unknown, ack?: (x: unknown) => void) => {
      if (!full) {
        socket.join((raw as { topic: string }).topic);
        return ack?.({ topic: (raw as { topic: string }).topic });
      }
      const m = Sub.safeParse(raw);
      if (!m.success) return ack?.({ error: 'bad_request' });
      const access = await authorize!(principal(), m.data.topic);
      if (!access.ok) return ack?.({ error: access.code });
      socket.join(m.data.topic);
      ack?.({ topic: m.data.topic });
    });
    socket.on('chat.send', async (raw: unknown, ack?: (x: unknown) => void) => {
      if (!full) {
        const m = raw as { conversationId: string; clientMsgId: string; text: string };
        if (typeof m?.conversationId !== 'string' || typeof m.text !== 'string')
          return ack?.({ error: 'bad_request' });
        const room = `chat:${m.conversationId}`;
        const seq = mem.nextSeq(room);
        const message = {
          conversationId: m.conversationId,
          seq,
          senderId: socket.data.userId,
          clientMsgId: m.clientMsgId,
          text: m.text,
        };
        io.to(room).emit('chat.message', message);
        return ack?.({ message });
      }
      const m = ChatSend.safeParse(raw);
      if (!m.success) return ack?.({ error: 'bad_request' });
      const clean = sanitizeChatText(m.data.text, 4000);
      if (!clean.ok) return ack?.({ error: 'text_invalid' });
      const r = await writer!.send({ ...m.data, text: clean.text, senderId: principal().userId });
      if (!r.ok) return ack?.({ error: r.code });
      if (!r.duplicate) io.to(`chat:${m.data.conversationId}`).emit('chat.message', r.message);
      ack?.({ message: r.message, duplicate: r.duplicate });
    });
    socket.on('queue.seed', (m: { doctorId: string; patients: QueueSeed[] }, ack?: (x: unknown) => void) => {
      mem.seed(m.doctorId, m.patients);
      ack?.(null);
    });
    socket.on('queue.callNext', async (_m: unknown, ack?: (x: unknown) => void) => {
      const doctorId = socket.data.userId as string;
      if (!full) {
        const { called, updates } = mem.callNext(doctorId);
        for (const u of updates) io.to(`user:${u.patientId}`).emit('queue.position', u.data);
        return ack?.({ called });
      }
      if (socket.data.role !== 'doctor') return ack?.({ error: 'forbidden' });
      const change = await queueStore.callNext(db!, doctorId);
      if (change) {
        const snap = change.snapshot;
        for (const e of snap.entries)
          io.to(`user:${e.patientId}`).emit('queue.position', {
            doctorId,
            entryId: e.entryId,
            version: snap.version,
            status: e.status,
            position: e.position,
            etaSeconds: e.etaSeconds,
          });
        io.to(`queue:${doctorId}`).emit('queue.snapshot', snap);
      }
      ack?.({ called: change?.called ?? null });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const addr = http.address();
  serveIpc(typeof addr === 'object' && addr ? addr.port : 0, async () => {
    io.close();
    await db?.close();
  });
}

/**
 * A bare uWebSockets.js relay speaking our frames: JWT at connect, then JSON in, native publish out,
 * in memory. Not a product: the floor our server's protocol work sits on, to show what that work costs.
 */
async function runUwsRelay() {
  const uWS = (await import('uwebsockets')).default;
  const { eventFrame, ackFrame, SUBPROTOCOL, AUTH_PROTOCOL_PREFIX } =
    await import('@telehealth/signaling/protocol');
  const app = uWS.App();
  const mem = memoryRelayState();
  type U = { token: string; userId: string };
  app.ws<U>('/ws', {
    compression: uWS.DISABLED,
    maxBackpressure: 16 * 1024 * 1024,
    maxPayloadLength: 16 * 1024 * 1024, // queue.seed carries the whole queue
    upgrade(res, req, context) {
      const offered = req
        .getHeader('sec-websocket-protocol')
        .split(',')
        .map((x) => x.trim());
      const token =
        offered.find((x) => x.startsWith(AUTH_PROTOCOL_PREFIX))?.slice(AUTH_PROTOCOL_PREFIX.length) ?? '';
      res.upgrade<U>(
        { token, userId: '' },
        req.getHeader('sec-websocket-key'),
        SUBPROTOCOL,
        req.getHeader('sec-websocket-extensions'),
        context,
      );
    },
    open(ws) {
      const u = ws.getUserData();
      void tokens.verify(u.token).then((r) => {
        if (!r.ok) return void ws.end(4001);
        u.userId = r.principal.userId;
        ws.subscribe(`user:${u.userId}`);
        ws.send(eventFrame(`user:${u.userId}`, 'session.ready', { userId: u.userId }));
      });
    },
    message(ws, ab) {
      const m = JSON.parse(Buffer.from(ab).toString()) as Record<string, string> & { patients: [] };
      const ack = (data: unknown) => void ws.send(ackFrame(m.id!, data));
      if (m.type === 'sub') {
        ws.subscribe(m.topic!);
        return ack({ topic: m.topic });
      }
      if (m.type === 'chat.send') {
        const topic = `chat:${m.conversationId}`;
        const seq = mem.nextSeq(topic);
        const message = {
          conversationId: m.conversationId,
          seq,
          senderId: ws.getUserData().userId,
          clientMsgId: m.clientMsgId,
          text: m.text,
        };
        app.publish(topic, eventFrame(topic, 'chat.message', message, seq));
        return ack({ message, duplicate: false });
      }
      if (m.type === 'queue.seed') {
        mem.seed(m.doctorId!, m.patients);
        return ack(null);
      }
      if (m.type === 'queue.callNext') {
        const doctorId = ws.getUserData().userId;
        const { called, updates } = mem.callNext(doctorId);
        for (const u of updates)
          app.publish(`user:${u.patientId}`, eventFrame(`user:${u.patientId}`, 'queue.position', u.data));
        return ack({ called });
      }
    },
  });
  const port = await new Promise<number>((resolve) =>
    app.listen('127.0.0.1', 0, (ls) =>
      resolve(uWS.us_socket_local_port(ls as unknown as Parameters<typeof uWS.us_socket_local_port>[0])),
    ),
  );
  serveIpc(port, async () => void app.close());
}

function serveIpc(port: number, stop: () => Promise<void>) {
  process.send!({ ready: true, port });
  process.on('message', async (m: ServerCmd) => {
    if (m.cmd === 'gc') {
      for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
      await new Promise((r) => setTimeout(r, 200));
      (globalThis as { gc?: () => void }).gc?.();
    }
    if (m.cmd === 'stop') {
      await stop();
      process.send!({ id: m.id });
      setTimeout(() => process.exit(0), 50);
      return;
    }
    process.send!({ id: m.id, cpu: process.cpuUsage(), mem: process.memoryUsage() });
  });
}

class ServerProc {
  private nextId = 1;
  private waiters = new Map<number, (v: { cpu: NodeJS.CpuUsage; mem: NodeJS.MemoryUsage }) => void>();
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (m: { id?: number; cpu: NodeJS.CpuUsage; mem: NodeJS.MemoryUsage }) => {
      if (m.id) this.waiters.get(m.id)?.(m);
    });
    child.once('exit', (code) => {
      if (this.waiters.size > 0 && !this.stopping) {
        console.error(`server process exited (${code}) during a run`);
        process.exit(1);
      }
    });
  }
  static start(kind: Kind, dbUrl: string): Promise<ServerProc> {
    const child = fork(fileURLToPath(import.meta.url), [`--serve-${kind}`, dbUrl], {
      execArgv: [
        ...process.execArgv,
        '--expose-gc',
        // BENCH_PROF=dir writes a V8 CPU profile of each server process there.
        ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
        // BENCH_PERF=1 writes /tmp/perf-<pid>.map so `perf record -p <pid>` can name JS frames.
        ...(process.env.BENCH_PERF ? ['--perf-basic-prof'] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('message', (m: { ready?: boolean; port: number }) => resolve(new ServerProc(child, m.port)));
      child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    });
  }
  private ask(cmd: ServerCmd['cmd']) {
    const id = this.nextId++;
    return new Promise<{ cpu: NodeJS.CpuUsage; mem: NodeJS.MemoryUsage }>((resolve) => {
      this.waiters.set(id, resolve);
      this.child.send({ cmd, id });
    });
  }
  stats() {
    return this.ask('stats');
  }
  gcStats() {
    return this.ask('gc');
  }
  private stopping = false;
  async stop() {
    this.stopping = true;
    await this.ask('stop');
    await new Promise((r) => this.child.once('exit', r));
  }
}

// ---------------------------------------------------------------- load-generator clients

/** The minimum both clients offer the workloads. */
interface BenchClient {
  request(type: string, body: Record<string, unknown>): Promise<unknown>;
  on(event: string, cb: (data: Record<string, unknown>) => void): void;
  close(): void;
}

/** Our protocol over a raw ws socket: resolves at session.ready. */
function ourClient(port: number, token: string): Promise<BenchClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, ['th.v1', `auth.${token}`], {
    perMessageDeflate: false,
  });
  const pending = new Map<string, (v: unknown) => void>();
  const handlers = new Map<string, (d: Record<string, unknown>) => void>();
  let seq = 0;
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as {
        type: string;
        id?: string;
        event?: string;
        data: Record<string, unknown>;
        code?: string;
      };
      if (f.type === 'event') {
        if (f.event === 'session.ready') return resolve(client);
        handlers.get(f.event!)?.(f.data);
      } else if (f.id) {
        pending.get(f.id)?.(f.type === 'ack' ? f.data : { error: f.code });
        pending.delete(f.id);
      }
    });
    const client: BenchClient = {
      request(type, body) {
        const id = `r${++seq}`;
        return new Promise((r) => {
          pending.set(id, r);
          ws.send(JSON.stringify({ v: 1, type, id, ...body }));
        });
      },
      on(event, cb) {
        handlers.set(event, cb);
      },
      close() {
        ws.terminate();
      },
    };
  });
}

/** Socket.IO over a raw ws socket speaking Engine.IO v4 (lighter than socket.io-client ×10k). */
function socketIoClient(port: number, token: string): Promise<BenchClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
  });
  const pending = new Map<number, (v: unknown) => void>();
  const handlers = new Map<string, (d: Record<string, unknown>) => void>();
  let ackId = 0;
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (raw) => {
      const s = String(raw);
      if (s === '2') return ws.send('3'); // ping → pong
      if (s.startsWith('0')) return ws.send(`40${JSON.stringify({ token })}`);
      if (s.startsWith('40')) return resolve(client);
      if (s.startsWith('44')) return reject(new Error(`socket.io connect refused: ${s}`));
      if (s.startsWith('42')) {
        const [event, data] = JSON.parse(s.slice(2)) as [string, Record<string, unknown>];
        handlers.get(event)?.(data);
      } else if (s.startsWith('43')) {
        const m = /^43(\d+)/.exec(s)!;
        const [data] = JSON.parse(s.slice(m[0].length)) as [unknown];
        const id = Number(m[1]);
        pending.get(id)?.(data);
        pending.delete(id);
      }
    });
    const client: BenchClient = {
      request(type, body) {
        const id = ++ackId;
        return new Promise((r) => {
          pending.set(id, r);
          ws.send(`42${id}${JSON.stringify([type, body])}`);
        });
      },
      on(event, cb) {
        handlers.set(event, cb);
      },
      close() {
        ws.terminate();
      },
    };
  });
}

type Kind = 'ours' | 'door' | 'socketio' | 'socketio-full' | 'uws';
const connectAs = (kind: Kind, port: number, token: string) =>
  kind === 'ours' || kind === 'door' || kind === 'uws' ? ourClient(port, token) : socketIoClient(port, token);
const ALL_KINDS: Kind[] = ['ours', 'door', 'socketio-full', 'socketio', 'uws'];
const KINDS: Kind[] =
  (process.argv
    .find((a) => a.startsWith('--servers='))
    ?.slice(10)
    .split(',') as Kind[] | undefined) ?? ALL_KINDS;

async function inBatches<T>(n: number, batch: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += batch) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => make(i + j)))));
  }
  return out;
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMicros = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => b.user - a.user + (b.system - a.system);

// ---------------------------------------------------------------- fixtures

type Db = ReturnType<typeof createPostgresDb>;

async function makeUsers(db: Db, n: number, role: 'patient' | 'doctor') {
  const ids = Array.from({ length: n }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    await db.query(
      `INSERT INTO users (id, email, name, role, password_hash)
       SELECT id, id::text || '@bench.local', 'bench', $2, 'x' FROM unnest($1::uuid[]) AS id`,
      [chunk, role],
    );
  }
  if (role === 'doctor')
    await db.query(
      `INSERT INTO doctor_profiles (user_id, specialty, fee_minor, currency, timezone, on_call, verified_at)
       SELECT id, 'gp', 0, 'EUR', 'UTC', true, now() FROM unnest($1::uuid[]) AS id`,
      [ids],
    );
  return ids;
}

// ---------------------------------------------------------------- workloads

async function chatFanout(
  kind: Kind,
  srv: ServerProc,
  db: Db,
  rooms: number,
  members: number,
  seconds: number,
  window: number,
  warmup: number,
) {
  const users = await makeUsers(db, rooms * members, 'patient');
  const convs: string[] = [];
  for (let r = 0; r < rooms; r++) {
    const { rows } = await db.query<{ id: string }>(`INSERT INTO conversations DEFAULT VALUES RETURNING id`);
    const id = rows[0]!.id;
    convs.push(id);
    const ids = users.slice(r * members, (r + 1) * members);
    await db.query(
      `INSERT INTO conversation_participants (conversation_id, user_id, role)
       SELECT $1, u, CASE WHEN ord = 1 THEN 'doctor' ELSE 'patient' END FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, ord)`,
      [id, ids],
    );
  }
  const toks = await Promise.all(users.map((id) => tokens.sign({ userId: id, role: 'patient' })));
  const clients = await inBatches(users.length, 100, (i) => connectAs(kind, srv.port, toks[i]!));
  await Promise.all(
    clients.map((c, i) => c.request('sub', { topic: `chat:${convs[Math.floor(i / members)]!}` })),
  );
  const latencies: number[] = [];
  let delivered = 0;
  let measuring = false;
  for (const c of clients)
    c.on('chat.message', (m) => {
      if (!measuring) return;
      delivered++;
      latencies.push(performance.now() - Number((m.text as string).slice(2)));
    });
  // Warm-up, then the measured window.
  let running = true;
  const senders = convs.map(async (conversationId, r) => {
    const sender = clients[r * members]!;
    const lane = async () => {
      while (running) {
        await sender.request('chat.send', {
          conversationId,
          clientMsgId: randomUUID(), // as the apps' client does
          text: `t=${performance.now()}`,
          attachments: [],
        });
      }
    };
    await Promise.all(Array.from({ length: window }, lane));
  });
  // Warm-up long enough for V8 to optimise the hot paths of every server (a server runs for days).
  await new Promise((r) => setTimeout(r, warmup * 1000));
  const cpu0 = (await srv.stats()).cpu;
  const t0 = performance.now();
  measuring = true;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const cpu1 = (await srv.stats()).cpu;
  const elapsed = (performance.now() - t0) / 1000;
  running = false;
  await Promise.all(senders);
  for (const c of clients) c.close();
  const cpuUs = cpuMicros(cpu0, cpu1);
  return {
    rooms,
    members,
    deliveredPerSec: Math.round(delivered / elapsed),
    p50Ms: round(pct(latencies, 50)),
    p99Ms: round(pct(latencies, 99)),
    serverCpuPercent: round((cpuUs / 1e6 / elapsed) * 100, 1),
    serverCpuMicrosPerDelivered: round(cpuUs / Math.max(1, delivered)),
    // Kernel time is mostly the write per recipient; user time is what the server's own code costs.
    serverSysMicrosPerDelivered: round((cpu1.system - cpu0.system) / Math.max(1, delivered)),
  };
}

async function idleMemory(kind: Kind, srv: ServerProc, db: Db, n: number) {
  const users = await makeUsers(db, Math.ceil(n / 100), 'patient');
  const toks = await Promise.all(users.map((id) => tokens.sign({ userId: id, role: 'patient' })));
  const before = (await srv.gcStats()).mem;
  const clients = await inBatches(n, 250, (i) => connectAs(kind, srv.port, toks[i % toks.length]!));
  await new Promise((r) => setTimeout(r, 500));
  const after = (await srv.gcStats()).mem;
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 500));
  return {
    connections: clients.length,
    rssBytesPerConnection: Math.round((after.rss - before.rss) / clients.length),
    heapBytesPerConnection: Math.round((after.heapUsed - before.heapUsed) / clients.length),
    heapTotalBytesPerConnection: Math.round((after.heapTotal - before.heapTotal) / clients.length),
    externalBytesPerConnection: Math.round(
      (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / clients.length,
    ),
    rssMiB: round(after.rss / 2 ** 20, 1),
  };
}

async function queueFanout(kind: Kind, srv: ServerProc, db: Db, waiting: number, calls: number) {
  const [doctorId] = await makeUsers(db, 1, 'doctor');
  const patients = await makeUsers(db, waiting + calls, 'patient');
  const entries: { entryId: string; patientId: string }[] = [];
  const { rows } = await db.query<{ id: string; patient_id: string }>(
    `INSERT INTO queue_entries (doctor_id, patient_id, kind, enqueued_at)
     SELECT $1, p, 'walk_in', now() + make_interval(secs => ord::float8 / 1000) FROM unnest($2::uuid[]) WITH ORDINALITY AS t(p, ord)
     RETURNING id, patient_id`,
    [doctorId, patients],
  );
  const byPatient = new Map(rows.map((r) => [r.patient_id, r.id]));
  for (const p of patients) entries.push({ entryId: byPatient.get(p)!, patientId: p });
  const doctor = await connectAs(kind, srv.port, await tokens.sign({ userId: doctorId!, role: 'doctor' }));
  if (kind !== 'ours' && kind !== 'door') await doctor.request('queue.seed', { doctorId, patients: entries });
  const toks = await Promise.all(patients.map((id) => tokens.sign({ userId: id, role: 'patient' })));
  const clients = await inBatches(patients.length, 100, (i) => connectAs(kind, srv.port, toks[i]!));
  let t0 = 0;
  let round_ = 0;
  const got = new Map<number, number[]>();
  clients.forEach((c) =>
    c.on('queue.position', (p) => {
      if (p.status !== 'waiting') return;
      const arr = got.get(round_) ?? [];
      arr.push(performance.now() - t0);
      got.set(round_, arr);
    }),
  );
  const all: number[] = [];
  const cpu0 = (await srv.stats()).cpu;
  let fanned = 0;
  for (let i = 0; i < calls; i++) {
    round_ = i;
    const expect = patients.length - i - 1;
    t0 = performance.now();
    await doctor.request('queue.callNext', {});
    const end = Date.now() + 30_000;
    while ((got.get(i)?.length ?? 0) < expect && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
    all.push(...(got.get(i) ?? []));
    fanned += got.get(i)?.length ?? 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu1 = (await srv.stats()).cpu;
  doctor.close();
  for (const c of clients) c.close();
  return {
    waitingClients: waiting,
    calls,
    updatesReceived: fanned,
    p50Ms: round(pct(all, 50)),
    p99Ms: round(pct(all, 99)),
    maxMs: round(Math.max(...all)),
    serverCpuMicrosPerUpdate: round(cpuMicros(cpu0, cpu1) / Math.max(1, fanned)),
  };
}

// ---------------------------------------------------------------- driver

async function main() {
  const rooms = arg('rooms', 20);
  const members = arg('members', 10);
  const seconds = arg('seconds', 5);
  const window = arg('window', 4);
  const warmup = arg('warmup', 3);
  const idle = arg('idle', 10_000);
  const waiting = arg('queue', 1000);
  const calls = arg('calls', 5);
  const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 'chat,idle,queue').split(',');
  const test = await createTestPostgres({ max: 4 });
  const db = createPostgresDb(test.url!, { max: 4 });
  const repeat = arg('repeat', 3);
  type Metrics = Record<string, number>;
  const runs: Record<Kind, Record<string, Metrics[]>> = {
    ours: {},
    door: {},
    socketio: {},
    'socketio-full': {},
    uws: {},
  };
  if (KINDS.some((k) => !ALL_KINDS.includes(k))) throw new Error(`--servers takes ${ALL_KINDS.join(',')}`);
  const record = (kind: Kind, w: string, m: Metrics) => (runs[kind][w] ??= []).push(m);
  try {
    // Rounds alternate the servers so load from other work on the machine hits them alike; each
    // metric is reported as the median over rounds. A fresh server process per workload and round.
    for (let round = 0; round < repeat; round++) {
      for (const w of ['chat', 'idle', 'queue'] as const) {
        if (!only.includes(w)) continue;
        if (w === 'idle' && round > 0) continue; // memory is stable; one 10k round is enough
        for (const kind of KINDS) {
          const srv = await ServerProc.start(kind, test.url!);
          try {
            if (w === 'chat')
              record(kind, w, await chatFanout(kind, srv, db, rooms, members, seconds, window, warmup));
            if (w === 'idle') record(kind, w, await idleMemory(kind, srv, db, idle));
            if (w === 'queue') record(kind, w, await queueFanout(kind, srv, db, waiting, calls));
          } finally {
            await srv.stop();
          }
        }
      }
    }
  } finally {
    await db.close();
    await test.drop();
  }
  const median = (xs: number[]) => pct(xs, 50);
  const summary = {} as Record<Kind, Record<string, Metrics>>;
  for (const kind of KINDS) {
    summary[kind] = {};
    for (const [w, list] of Object.entries(runs[kind])) {
      const m: Metrics = {};
      for (const k of Object.keys(list[0]!)) m[k] = median(list.map((x) => x[k]!));
      summary[kind][w] = { ...m, rounds: list.length };
    }
  }
  const ratio = (base: Kind, w: string, k: string, of: Kind = 'ours') => {
    const a = summary[of]?.[w]?.[k];
    const b = summary[base]?.[w]?.[k];
    return a === undefined || b === undefined ? null : round(a / b, 3);
  };
  const ratiosAgainst = (base: Kind, of: Kind = 'ours') => ({
    chatCpuPerDelivered: ratio(base, 'chat', 'serverCpuMicrosPerDelivered', of),
    chatP99: ratio(base, 'chat', 'p99Ms', of),
    chatThroughput: ratio(base, 'chat', 'deliveredPerSec', of),
    idleMemoryPerConnection: ratio(base, 'idle', 'rssBytesPerConnection', of),
    queueP99: ratio(base, 'queue', 'p99Ms', of),
  });
  const atMost = (x: number | null, limit: number) => (x === null ? null : x <= limit);
  const targetsFor = (r: ReturnType<typeof ratiosAgainst>) => ({
    chatCpuAtMostOneThird: atMost(r.chatCpuPerDelivered, 1 / 3),
    idleMemoryAtMostOneFifth: atMost(r.idleMemoryPerConnection, 1 / 5),
    chatP99NoWorse: atMost(r.chatP99, 1),
    queueP99NoWorse: atMost(r.queueP99, 1),
  });
  const vsFull = ratiosAgainst('socketio-full');
  const vsBare = ratiosAgainst('socketio');
  // The front door (what browsers reach) against the direct listener and against Socket.IO.
  const doorVsDirect = ratiosAgainst('ours', 'door');
  const doorVsFull = ratiosAgainst('socketio-full', 'door');
  console.log(
    JSON.stringify(
      {
        machine: { cores: cpus().length, loadavg: loadavg().map((x) => round(x)), node: process.version },
        params: { rooms, members, seconds, window, warmup, idle, queue: waiting, calls, repeat },
        notes: [
          'ours: uWS + JWT + zod + sanitising + topic authorisation + PostgreSQL persistence (group commit)',
          'socketio-full: Socket.IO 4 (websocket transport) doing the same work with the same code (same workload)',
          'door: the same socket tier reached through the front door of `npm start` (api/src/serve.ts), with the REST API and web app in the process',
          'socketio: Socket.IO 4 with JWT at connect only, in memory (lower bound for Socket.IO)',
          'serverCpu counts the server process only (not PostgreSQL, not the load generator); medians over rounds',
          'ratios are ours / baseline (lower is better)',
        ],
        results: summary,
        ratios: {
          vsSocketIoSameWorkload: vsFull,
          vsSocketIoInMemory: vsBare,
          frontDoorVsDirect: doorVsDirect,
          frontDoorVsSocketIoSameWorkload: doorVsFull,
        },
        targets: {
          vsSocketIoSameWorkload: targetsFor(vsFull),
          vsSocketIoInMemory: targetsFor(vsBare),
          frontDoorVsSocketIoSameWorkload: targetsFor(doorVsFull),
          frontDoorChatCpuWithin115OfDirect: atMost(doorVsDirect.chatCpuPerDelivered, 1.15),
        },
      },
      null,
      2,
    ),
  );
}

const mode = process.argv[2];
if (mode === '--serve-ours') await runOurServer(process.argv[3]!);
else if (mode === '--serve-door') await runDoorServer(process.argv[3]!);
else if (mode === '--serve-socketio') await runSocketIoServer(process.argv[3]!, false);
else if (mode === '--serve-socketio-full') await runSocketIoServer(process.argv[3]!, true);
else if (mode === '--serve-uws') await runUwsRelay();
else await main();
