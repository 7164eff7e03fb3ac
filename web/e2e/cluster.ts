// Several complete app processes (what `npm start` runs) on one PostgreSQL and one Redis, and a small
// TCP load balancer in front of them: the multi-node deployment without Docker.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REPO } from './harness.ts';

export interface AppNode {
  name: string;
  port: number;
  output(): string;
  /** SIGKILL: a crash, no goodbye to Redis or the sockets. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The variables every node of one cluster shares (secrets must match: any node verifies any token). */
export function clusterEnv(databaseUrl: string, publicUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    // A channel prefix of this cluster's own: parallel test runs share the Redis server.
    WS_CHANNEL_PREFIX: `th:e2e:${randomBytes(5).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    RECORDS_MASTER_KEY: randomBytes(32).toString('base64'),
    // The balancer's origin is the app's origin (cookies, the socket's Origin check).
    PUBLIC_URL: publicUrl,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    EMAIL_POLL_MS: '500',
    SFU_WORKERS: '1',
    SFU_RTC_PORT_BASE: '0',
    // The AI queue on a shared Redis is shared with other runs: leave jobs to nobody here.
    AI_WORKER_INPROCESS: 'false',
    // MEDIASOUP_WORKER_BIN, when set, reaches the nodes with process.env (startNode); unset, the
    // nodes use mediasoup's own worker binary.
  };
}

export async function startNode(name: string, env: Record<string, string>): Promise<AppNode> {
  const dataDir = mkdtempSync(join(tmpdir(), `th-node-${name}-`));
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, ...env, DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out = (out + d).slice(-30_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-30_000)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node ${name} did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const exited = new Promise((r) => child.once('exit', r));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
  };
  return {
    name,
    port,
    output: () => out,
    kill: () => end('SIGKILL'),
    async stop() {
      await end('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Balancer {
  url: string;
  /** Which node each socket (WebSocket upgrade) went to, in order, with the token's role. */
  sockets: { role: string; node: string }[];
  close(): Promise<void>;
}

/** The role claim of the access token a WebSocket upgrade offers (routing only; nodes verify it). */
function upgradeRole(head: string): string | null {
  if (!/^upgrade:\s*websocket/im.test(head)) return null;
  const protocols = /^sec-websocket-protocol:\s*(.*)$/im.exec(head)?.[1] ?? '';
  const token = protocols
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith('auth.'))
    ?.slice(5);
  try {
    const payload = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString()) as {
      role?: string;
    };
    return payload.role ?? null;
  } catch {
    return null;
  }
}

/**
 * A TCP load balancer: HTTP connections round-robin over the nodes, WebSocket upgrades to the node
 * `prefer(role)` names (so a test can put the patient on one node and the doctor on the other), and
 * anything whose node refuses the connection to the next live one, as a real balancer's health
 * checks would.
 */
export async function startBalancer(
  nodes: () => AppNode[],
  prefer: (role: string) => string | undefined,
): Promise<Balancer> {
  const sockets: Balancer['sockets'] = [];
  const open = new Set<Socket>();
  let rr = 0;
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      if (head.indexOf('\r\n\r\n') < 0 && head.length < 64 * 1024) return;
      client.off('data', onData);
      client.pause();
      const role = upgradeRole(head.toString('latin1'));
      const list = nodes();
      const wanted = role ? prefer(role) : undefined;
      const order = wanted
        ? [...list.filter((n) => n.name === wanted), ...list.filter((n) => n.name !== wanted)]
        : list.map((_, i) => list[(rr + i) % list.length]!);
      rr++;
      const attempt = (i: number) => {
        const node = order[i];
        if (!node) return client.destroy();
        const upstream = connect(node.port, '127.0.0.1');
        let connected = false;
        upstream.once('error', () => {
          upstream.destroy();
          if (!connected)
            attempt(i + 1); // refused: that node is down
          else client.destroy();
        });
        upstream.once('connect', () => {
          connected = true;
          if (role) sockets.push({ role, node: node.name });
          open.add(upstream);
          upstream.once('close', () => {
            open.delete(upstream);
            client.destroy();
          });
          client.once('close', () => upstream.destroy());
          upstream.write(head);
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        });
      };
      attempt(0);
    };
    client.on('data', onData);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    async close() {
      for (const s of open) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
