import type uWS from 'uwebsockets';
import type { Principal, TokenService } from '@telehealth/platform/auth/tokens';
import type { Db, Queryable } from '@telehealth/platform/db/types';
import type { z } from 'zod';
import type { DisconnectReason } from './access-control.ts';
import type { Authorize } from './authorize.ts';
import type { Bus } from './bus.ts';
import type { SignalingConfig } from './config.ts';

export type { Principal };

/** Structured logger (pino-compatible subset). Never pass message text or other PHI. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** An entry for the host's audit log (no PHI in `details`: ids, priorities, counts). */
export interface AuditInput {
  actorId: string;
  actorRole: string;
  /** Dotted lower-case verb, e.g. `queue.priority.set`. */
  action: string;
  subjectId: string;
  recordType: string;
  recordId: string;
  details: Record<string, unknown>;
}

export interface SignalingDeps {
  db: Db;
  tokens: Pick<TokenService, 'verify'>;
  bus: Bus;
  /** Topic access; defaults to createDefaultAuthorizer(db). */
  authorize?: Authorize;
  logger?: Logger;
  /**
   * Checks that `appointmentId` is the patient's appointment with that doctor today. The bookings
   * module provides it; until then check-ins with an appointment id are accepted as given.
   */
  verifyAppointmentCheckIn?: (p: {
    patientId: string;
    doctorId: string;
    appointmentId: string;
  }) => Promise<boolean>;
  /**
   * Looks up the patient's own symptom check by id, so a client cannot pick its queue priority.
   * When provided, client-supplied `triage` is ignored. `emergency`: the priority in force says to
   * call emergency services now, so the check-in is refused (`emergency_triage`, naming
   * `emergencyNumber` when the host knows the patient's); a clinician lowering it lets them in.
   */
  resolveTriage?: (p: { patientId: string; triageId: string }) => Promise<{
    priority: number;
    summary: string;
    emergency?: boolean;
    emergencyNumber?: string | null;
  } | null>;
  /**
   * Appends to the host's audit log on the given transaction, so the entry exists if and only if
   * the change commits (the API passes its hash-chained `audit`). Without it, doctors' queue
   * priority changes are not audited.
   */
  audit?: (q: Queryable, entry: AuditInput) => Promise<unknown>;
  /** Sends the "called from the queue" email to an offline patient; defaults to the outbox table. */
  sendQueueCalledEmail?: (p: {
    patientId: string;
    doctorId: string;
    entryId: string;
    attempt: number;
  }) => Promise<void>;
  /**
   * Serves every other HTTP request on the listener (not the WebSocket upgrade, not /healthz): when
   * the socket tier is the origin's front door, the host's HTTP app (http-bridge.ts). Default: 404.
   */
  http?: (res: uWS.HttpResponse, req: uWS.HttpRequest) => void;
}

export interface HandlerContext {
  readonly principal: Principal;
  readonly connId: number;
  /** Sends an event to this socket only. */
  push(topic: string, event: string, data: unknown): void;
  /**
   * Publishes a frame on the bus as this socket's doing: what bus.publish does, except that on an
   * in-process bus this socket's own copy is written together with the request's ack (one write,
   * not two). Use it for frames a request causes; `seq` for a chat message (see FrameMeta).
   */
  publish(topic: string, frame: string, seq?: number): Promise<void>;
  /** Whether this socket holds an authorised subscription to the topic. */
  isSubscribed(topic: string): boolean;
}

/** A request as a handler sees it: its own fields (the envelope was checked before). */
export type RequestBody<S extends z.ZodType> = Omit<z.output<S>, 'v' | 'type' | 'id'>;

export type Handler<S extends z.ZodType> = (
  ctx: HandlerContext,
  msg: RequestBody<S>,
) => unknown | Promise<unknown>;

export interface HandlerOptions<S extends z.ZodType> {
  /**
   * The topic the request acts on: the server refuses the request (`not_subscribed`) unless the
   * socket holds an authorised subscription to it. SFU handlers use `(m) => 'call:' + m.roomId`.
   */
  topic?: (msg: RequestBody<S>) => string;
}

export interface SignalingStats {
  connections: number;
  users: number;
  topics: number;
  messagesIn: number;
  /** Frames written to sockets (direct writes, and native fan-out counted per local subscriber). */
  framesOut: number;
  acks: number;
  errors: number;
  violations: number;
  rateLimited: number;
  slowConsumersDropped: number;
  abusiveClosed: number;
  upgradesRejected: number;
}

export interface SignalingServer {
  /** Node identity in logs/metrics. */
  readonly nodeId: string;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  readonly port: number;
  /** Closes every socket (1001, or without close frames when `force`) and the listener. */
  close(opts?: { force?: boolean }): Promise<void>;
  registerHandler<S extends z.ZodType>(
    type: string,
    schema: S,
    handler: Handler<S>,
    opts?: HandlerOptions<S>,
  ): void;
  /** Announces an event on a topic across all nodes. */
  publish(topic: string, event: string, data: unknown, seq?: number): Promise<void>;
  onDisconnect(cb: (info: { connId: number; userId: string }) => void): void;
  /**
   * Access to `topic` changed (after the change is committed): every node re-authorises its
   * subscribers; those now refused lose the subscription and get `sub.revoked`. Best effort: a
   * failed announcement is logged, and the sweep repairs `call:` rooms.
   */
  revalidate(topic: string): Promise<void>;
  /**
   * The account was suspended / its role changed: every node closes the user's sockets (4001). Best
   * effort: a failed announcement is logged; the sockets then last until their token expires.
   */
  disconnectUser(userId: string, reason: DisconnectReason): Promise<void>;
  /**
   * One sweep: expired tokens, presence refresh, re-check of `call:` subscriptions, queue no-shows.
   * Runs on a timer unless disabled.
   */
  sweep(): Promise<void>;
  stats(): SignalingStats;
  readonly config: SignalingConfig;
}
