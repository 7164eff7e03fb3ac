/**
 * Walks the matrix: one request per (row, principal), sequentially, and reports every mismatch at
 * once. Coverage comes from the running server: the OpenAPI document it publishes and the socket
 * protocol's request types.
 */
import { createClient } from '../testing/client.ts';
import { describeHttp, judgeHttp, judgeSocket } from './judge.ts';
import type {
  HttpCase,
  RouteAuthzTable,
  SocketAuthzTable,
  SocketCase,
  WalkedPrincipal,
  World,
} from './types.ts';
import { WalkedPrincipals } from './types.ts';

export interface Mismatch {
  /** `POST /records/visits [name] · doctorUnverified` or `socket chat.send · admin`. */
  id: string;
  detail: string;
}

const cases = <C>(entry: C | readonly C[]): readonly C[] => (Array.isArray(entry) ? entry : [entry as C]);
const label = (key: string, c: { name?: string }) => (c.name ? `${key} [${c.name}]` : key);

/** `GET /api/v1/records/visits/{id}` → `GET /records/visits/:id`: the key a route was registered under. */
export function routeKey(method: string, openApiPath: string): string {
  return `${method.toUpperCase()} ${openApiPath.replace(/^\/api\/v1/, '').replace(/\{([^}]+)\}/g, ':$1')}`;
}

/** Routes without a row, and rows without a route. */
export function coverage(published: readonly string[], table: Record<string, unknown>) {
  const have = new Set(Object.keys(table));
  const pub = new Set(published);
  return {
    missing: published.filter((k) => !have.has(k)),
    stale: [...have].filter((k) => !pub.has(k)),
  };
}

/** Merges the domains' tables; a key stated twice is an error (one row per route). */
export function mergeTables<T>(tables: Record<string, Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [domain, table] of Object.entries(tables))
    for (const [key, row] of Object.entries(table)) {
      if (key in out) throw new Error(`authz row ${key} is stated twice (again in ${domain})`);
      out[key] = row;
    }
  return out;
}

async function send(w: World, key: string, c: HttpCase, p: WalkedPrincipal) {
  const sp = key.indexOf(' ');
  const method = key.slice(0, sp);
  const call = await c.call(w, p);
  // Anonymous calls start from an empty cookie jar every time (a public login fills one).
  const client = call.as ?? (p === 'anonymous' ? createClient(w.url) : w.clients[p]);
  if (!call.raw) {
    const body =
      call.body !== undefined ? call.body : method === 'GET' || method === 'DELETE' ? undefined : {};
    return client.request(method, `/api/v1${call.path}`, body, call.headers);
  }
  const headers: Record<string, string> = { 'content-type': call.raw.contentType, ...call.headers };
  if (client.token) headers.authorization = `Bearer ${client.token}`;
  const res = await fetch(`${w.url}/api/v1${call.path}`, { method, headers, body: call.raw.data });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as any, headers: res.headers };
}

export async function walkRoutes(
  w: World,
  table: RouteAuthzTable,
  beforeRow: () => void,
): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const [key, entry] of Object.entries(table))
    for (const c of cases(entry)) {
      beforeRow();
      for (const p of WalkedPrincipals) {
        const id = `${label(key, c)} · ${p}`;
        const expect = c.expect[p];
        try {
          const r = await send(w, key, c, p);
          const code = typeof r.body === 'object' ? r.body?.error?.code : undefined;
          const success = r.status >= 200 && r.status < 300;
          const seen = c.sees && success ? c.sees(r.body, w, p) : undefined;
          if (!judgeHttp(expect, { status: r.status, code, seen }))
            out.push({
              id,
              detail: `expected ${describeHttp(expect)}, got ${r.status}${code ? ` ${code}` : ''}${
                seen === undefined ? '' : seen ? ' (object in the answer)' : ' (object not in the answer)'
              }`,
            });
        } catch (err) {
          out.push({ id, detail: `row threw: ${(err as Error).message}` });
        }
      }
    }
  return out;
}

export async function walkSockets(
  w: World,
  table: SocketAuthzTable,
  beforeRow: () => void,
): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  for (const [type, entry] of Object.entries(table))
    for (const c of cases(entry) as readonly SocketCase[]) {
      beforeRow();
      for (const p of WalkedPrincipals) {
        if (p === 'anonymous') continue; // the handshake refuses them: checked once by the test
        const id = `socket ${label(type, c)} · ${p}`;
        const expect = c.expect[p];
        try {
          const call = await c.call(w, p);
          const actor = call.as ?? w.sockets[p];
          for (const topic of call.subscribe ?? []) await actor.request('sub', { topic });
          const r = await actor.request(type, call.msg);
          const seen = r.ok && c.sees ? c.sees(r.data, w, p) : undefined;
          if (!judgeSocket(expect, r.ok ? { ok: true, seen } : { ok: false, code: r.code }))
            out.push({
              id,
              detail: `expected ${expect}, got ${r.ok ? `ack${seen === false ? ' without the object' : ''}` : `${r.code} (${r.message})`}`,
            });
        } catch (err) {
          out.push({ id, detail: `row threw: ${(err as Error).message}` });
        }
      }
    }
  return out;
}
