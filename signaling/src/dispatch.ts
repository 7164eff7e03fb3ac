import { z } from 'zod';
import type { Bus } from './bus.ts';
import type { SignalingConfig } from './config.ts';
import type { Conn, ConnContext } from './conn.ts';
import { errorMessage, SignalingError } from './errors.ts';
import type { Outbox } from './outbox.ts';
import {
  ackFrame,
  CloseCodes,
  errorFrame,
  eventFrame,
  PROTOCOL_VERSION,
  type ErrorCode,
} from './protocol.ts';
import { bucketTake, violationHit, type TokenBucket } from './rate-limit.ts';
import type { Handler, HandlerOptions, Logger, RequestBody, SignalingStats } from './types.ts';

interface Registered {
  type: string;
  schema: z.ZodType;
  handler: Handler<z.ZodType>;
  topic?: (msg: unknown) => string;
}

/** Frames kept per socket while its token is being verified. */
const MAX_EARLY_FRAMES = 16;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Which part of a request failed validation, without echoing any value (values may be PHI). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`)
    .join('; ');
}

export interface DispatcherOptions {
  config: SignalingConfig;
  stats: SignalingStats;
  log: Logger;
  outbox: Pick<Outbox, 'send' | 'end'>;
  bus: Pick<Bus, 'publish'>;
  isSubscribed(conn: Conn, topic: string): boolean;
  /** The user's bucket on this node (presence/tracker.ts), while the user has a socket here. */
  userBucket(userId: string): TokenBucket | undefined;
}

/**
 * From a received frame to a handler's ack: rate limits, the envelope, the handler registry, request
 * validation, the topic precondition, and the answer (ack or error). Bad frames count as violations.
 */
export function createDispatcher(o: DispatcherOptions) {
  const { config, stats, log, outbox, bus, isSubscribed, userBucket } = o;
  const { send, end } = outbox;
  const handlers = new Map<string, Registered>();

  function sendError(conn: Conn, id: string | null, code: ErrorCode, message: string = code) {
    stats.errors++;
    send(conn, errorFrame(id, code, message));
  }

  /** Counts a protocol violation; past the allowance the client is closed. */
  function violation(conn: Conn, id: string | null, code: ErrorCode, message?: string) {
    stats.violations++;
    sendError(conn, id, code, message);
    if (violationHit(conn, config.WS_MAX_VIOLATIONS_PER_MIN, Date.now()) && conn.open && !conn.ending) {
      stats.abusiveClosed++;
      end(conn, CloseCodes.abuse, 'too many invalid frames');
    }
  }

  function registerHandler<S extends z.ZodType>(
    type: string,
    schema: S,
    handler: Handler<S>,
    opts: HandlerOptions<S> = {},
  ) {
    if (handlers.has(type)) throw new Error(`handler already registered: ${type}`);
    handlers.set(type, {
      type,
      // handleText checks the envelope (v, type, id) of every frame by hand; parsing it again for
      // each request would be wasted work, so handler schemas built on the envelope drop it.
      schema:
        schema instanceof z.ZodObject && 'id' in schema.shape && 'type' in schema.shape
          ? schema.omit({ v: true, type: true, id: true })
          : schema,
      handler: handler as Handler<z.ZodType>,
      topic: opts.topic as ((m: unknown) => string) | undefined,
    });
  }

  function contextFor(conn: Conn): ConnContext {
    // One per socket, made on its first request (the principal cannot change: auth.refresh
    // insists on the same one).
    return (conn.ctx ??= {
      conn,
      principal: { userId: conn.userId, role: conn.role },
      connId: conn.id,
      push: (topic, event, data) => send(conn, eventFrame(topic, event, data)),
      publish: (topic, frame, seq) => bus.publish(topic, frame, { seq, origin: conn }),
      isSubscribed: (topic) => isSubscribed(conn, topic),
    });
  }

  /**
   * Runs a handler and answers with its ack or error. Not async: a synchronous handler is answered
   * in the same call, and a promise costs one reaction instead of an async function's several.
   */
  function dispatch(conn: Conn, reg: Registered, id: string, msg: unknown) {
    const ok = (data: unknown) => {
      stats.acks++;
      send(conn, ackFrame(id, data ?? null));
    };
    const fail = (err: unknown) => {
      if (err instanceof SignalingError) return sendError(conn, id, err.code, err.message);
      // Log the failure class only: request payloads may carry PHI.
      log.error({ err: errorMessage(err), type: reg.type, connId: conn.id }, 'handler failed');
      sendError(conn, id, 'internal', 'internal error');
    };
    let out: unknown;
    try {
      out = reg.handler(contextFor(conn), msg as RequestBody<z.ZodType>);
    } catch (err) {
      return fail(err);
    }
    if (typeof (out as PromiseLike<unknown> | null)?.then === 'function')
      (out as PromiseLike<unknown>).then(ok, fail);
    else ok(out);
  }

  /** A frame as uWS hands it over (the ArrayBuffer is only valid during the call). */
  function onMessage(conn: Conn, ab: ArrayBuffer, isBinary: boolean) {
    stats.messagesIn++;
    if (conn.ending) return;
    const now = Date.now();
    if (isBinary) return violation(conn, null, 'binary_not_supported', 'only JSON text frames');
    let text: string;
    try {
      text = decoder.decode(ab);
    } catch {
      return violation(conn, null, 'bad_json', 'frame is not UTF-8 JSON');
    }
    if (!conn.authed) {
      // The token is being verified; keep a few frames (the ArrayBuffer dies when we return).
      conn.early ??= [];
      if (conn.early.length >= MAX_EARLY_FRAMES)
        return end(conn, CloseCodes.rateLimited, 'wait for session.ready');
      conn.early.push(text);
      return;
    }
    handleText(conn, text, now);
  }

  function handleText(conn: Conn, text: string, now: number) {
    const bucket = userBucket(conn.userId);
    if (
      !bucketTake(conn, config.WS_RATE_CONN_PER_S, config.WS_RATE_CONN_BURST, now) ||
      (bucket && !bucket.take(now))
    ) {
      stats.rateLimited++;
      return violation(conn, null, 'rate_limited', 'slow down');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return violation(conn, null, 'bad_json', 'frame is not JSON');
    }
    // The envelope (EnvelopeSchema) checked by hand: it runs for every frame, and handler schemas
    // (integrators' too) validate only their own fields.
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return violation(conn, null, 'bad_request', '(root): invalid_type');
    const r = raw as { v?: unknown; type?: unknown; id?: unknown };
    const idOk = typeof r.id === 'string' && r.id.length >= 1 && r.id.length <= 64;
    if (r.v !== PROTOCOL_VERSION)
      return violation(
        conn,
        idOk ? (r.id as string) : null,
        'v' in r ? 'unsupported_version' : 'bad_request',
        'v' in r ? 'protocol version 1 only' : 'v: invalid_value',
      );
    if (!idOk) return violation(conn, null, 'bad_request', 'id: invalid');
    const id = r.id as string;
    if (typeof r.type !== 'string' || r.type.length < 1 || r.type.length > 64)
      return violation(conn, id, 'bad_request', 'type: invalid');
    const type = r.type;
    if (now >= conn.exp) {
      sendError(conn, id, 'unauthorized', 'token expired');
      end(conn, CloseCodes.unauthorized, 'token expired');
      return;
    }
    const reg = handlers.get(type);
    if (!reg) return violation(conn, id, 'unknown_type', 'unknown request type');
    const parsed = reg.schema.safeParse(raw);
    if (!parsed.success) return violation(conn, id, 'bad_request', describeIssues(parsed.error));
    if (reg.topic && !isSubscribed(conn, reg.topic(parsed.data)))
      return sendError(conn, id, 'not_subscribed', 'subscribe to the topic first');
    dispatch(conn, reg, id, parsed.data);
  }

  return { registerHandler, onMessage, handleText };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;
