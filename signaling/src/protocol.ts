/**
 * The one versioned wire protocol of the signaling socket, shared by the server, the typed client and
 * the web app. Every frame is a JSON text frame.
 *
 * client -> server: a request `{ v: 1, type, id, ...fields }`; the server answers each with
 *   `{ v: 1, type: 'ack', id, data }` or `{ v: 1, type: 'error', id, code, message }`.
 * server -> client: `{ v: 1, type: 'event', topic, event, seq?, data }` for everything pushed.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1 as const;
/** Sub-protocol the client offers and the server selects. */
export const SUBPROTOCOL = 'th.v1';
/** The access token travels as a second offered sub-protocol `auth.<jwt>` (never in the URL). */
export const AUTH_PROTOCOL_PREFIX = 'auth.';

export const CloseCodes = {
  normal: 1000,
  goingAway: 1001,
  tooBig: 1009,
  /** Protocol abuse: too many malformed frames. */
  abuse: 4000,
  /** Token expired or invalid mid-connection: reconnect with a fresh token. */
  unauthorized: 4001,
  rateLimited: 4008,
  /** Slow consumer: the server's send buffer for this socket passed its limit. */
  slowConsumer: 4009,
  tooManyConnections: 4029,
} as const;

export const ErrorCodes = [
  'bad_json',
  'bad_request',
  'binary_not_supported',
  'unknown_type',
  'unsupported_version',
  'unauthorized',
  'forbidden',
  'not_found',
  'not_subscribed',
  'rate_limited',
  'conflict',
  'invalid_state',
  'conversation_closed',
  /** chat.open / chat.send: no appointment links this patient and doctor (messaging_care_link). */
  'no_appointment',
  'text_invalid',
  'doctor_not_on_call',
  'doctor_not_verified',
  /** queue.checkIn with a symptom check whose priority is emergency: call emergency services instead. */
  'emergency_triage',
  'room_full',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

const uuid = z.uuid();
export const TopicKinds = ['user', 'chat', 'queue', 'call'] as const;
export type TopicKind = (typeof TopicKinds)[number];
/** `user:<uuid>`, `chat:<uuid>`, `queue:<doctor uuid>`, `call:<room id>`. */
export const TopicSchema = z
  .string()
  .max(80)
  .regex(
    /^(user|chat|queue):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^call:[A-Za-z0-9_-]{1,64}$/,
    'invalid topic',
  );
export type Topic = z.infer<typeof TopicSchema>;

export function parseTopic(topic: string): { kind: TopicKind; id: string } | null {
  const i = topic.indexOf(':');
  if (i < 0) return null;
  const kind = topic.slice(0, i) as TopicKind;
  if (!TopicKinds.includes(kind)) return null;
  return { kind, id: topic.slice(i + 1) };
}

export const EnvelopeSchema = z.object({
  v: z.literal(PROTOCOL_VERSION),
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(64),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

const req = <T extends z.ZodRawShape>(type: string, shape: T) =>
  EnvelopeSchema.extend({ type: z.literal(type), ...shape });

/** What a client can set. */
export const PresenceStatuses = ['online', 'away', 'in_call'] as const;
export type PresenceStatus = (typeof PresenceStatuses)[number];
/** What others see: the strongest status over the user's nodes, offline when none is live. */
export const PresenceStates = [...PresenceStatuses, 'offline'] as const;
export type PresenceState = (typeof PresenceStates)[number];
/** Users one socket may watch at once (presence.watch). */
export const MAX_PRESENCE_WATCH = 200;

export const AttachmentSchema = z.object({ recordId: uuid });
export type Attachment = z.infer<typeof AttachmentSchema>;
export const ReceiptKinds = ['delivered', 'read'] as const;
export const TriageSchema = z.object({
  /** 1 = most urgent … 5 = least; advisory, the doctor can override. */
  priority: z.number().int().min(1).max(5),
  summary: z.string().max(1000).default(''),
});

/** Every request the built-in handlers accept, by `type`. Integrators add more (e.g. SFU `call.*`). */
export const Requests = {
  ping: req('ping', {}),
  'auth.refresh': req('auth.refresh', { token: z.string().min(10).max(4096) }),
  /** `since`: last sequence the client has seen on this topic (chat); the server replays the rest. */
  sub: req('sub', { topic: TopicSchema, since: z.number().int().min(0).optional() }),
  unsub: req('unsub', { topic: TopicSchema }),
  'presence.set': req('presence.set', { status: z.enum(PresenceStatuses) }),
  /** One-shot read; users the caller may not see are left out of the answer. */
  'presence.get': req('presence.get', { userIds: z.array(uuid).min(1).max(100) }),
  /**
   * Push instead of polling: the ack carries the current presence of the users the caller may see
   * (the others are left out, as with presence.get), then `presence.changed` arrives on each change
   * until presence.unwatch or the socket closes. At most MAX_PRESENCE_WATCH users per socket.
   */
  'presence.watch': req('presence.watch', { userIds: z.array(uuid).min(1).max(100) }),
  'presence.unwatch': req('presence.unwatch', { userIds: z.array(uuid).min(1).max(MAX_PRESENCE_WATCH) }),
  'chat.list': req('chat.list', {}),
  'chat.send': req('chat.send', {
    conversationId: uuid,
    /** Client-generated id; a retry with the same id has exactly-once effect. */
    clientMsgId: z.string().min(1).max(64),
    text: z.string().max(20_000),
    attachments: z.array(AttachmentSchema).max(10).default([]),
  }),
  'chat.history': req('chat.history', {
    conversationId: uuid,
    before: z.number().int().min(1).optional(),
    after: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  'chat.typing': req('chat.typing', { conversationId: uuid, typing: z.boolean() }),
  'chat.receipt': req('chat.receipt', {
    conversationId: uuid,
    kind: z.enum(ReceiptKinds),
    seq: z.number().int().min(1),
  }),
  /**
   * A conversation or, with `messageId`, one message of the other party. Only participants report;
   * a report lets admins review the reported message with a little context.
   */
  'chat.report': req('chat.report', {
    conversationId: uuid,
    messageId: uuid.optional(),
    reason: z.string().trim().min(1).max(1000),
  }),
  /** A patient opens (or finds) their conversation with a doctor they have an appointment with. */
  'chat.open': req('chat.open', { doctorId: uuid }),
  /** The conversation's doctor closes it (nobody can post; `note` tells the patient why) or reopens it. */
  'chat.close': req('chat.close', {
    conversationId: uuid,
    closed: z.boolean(),
    note: z.string().trim().max(500).optional(),
  }),
  'chat.reported': req('chat.reported', { limit: z.number().int().min(1).max(200).default(50) }),
  'queue.checkIn': req('queue.checkIn', {
    doctorId: uuid,
    /** Set when checking in for a booked appointment; absent for a walk-in to an on-call doctor. */
    appointmentId: uuid.optional(),
    /** The patient's AI symptom check; the host resolves its priority server-side. */
    triageId: uuid.optional(),
    /** Only honoured by hosts without a triage resolver (tests, embedders); never trusted otherwise. */
    triage: TriageSchema.optional(),
  }),
  'queue.leave': req('queue.leave', { doctorId: uuid }),
  'queue.state': req('queue.state', { doctorId: uuid }),
  /** The called patient enters the call room. */
  'queue.accept': req('queue.accept', { entryId: uuid }),
  'queue.callNext': req('queue.callNext', {}),
  'queue.skip': req('queue.skip', { entryId: uuid }),
  'queue.setPriority': req('queue.setPriority', {
    entryId: uuid,
    priority: z.number().int().min(1).max(5).nullable(),
  }),
  'queue.noShow': req('queue.noShow', { entryId: uuid }),
  'queue.end': req('queue.end', { entryId: uuid }),
  'notif.list': req('notif.list', {
    before: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(100).default(30),
  }),
  'notif.read': req('notif.read', { ids: z.array(uuid).max(500).optional(), all: z.boolean().optional() }),
} as const;
export type RequestType = keyof typeof Requests;
export type RequestOf<T extends RequestType> = z.input<(typeof Requests)[T]>;
/** What a caller supplies (the client fills in v and id). */
export type RequestBody<T extends RequestType> = Omit<RequestOf<T>, 'v' | 'id' | 'type'>;

// ---- server -> client ----

export const ChatMessageSchema = z.object({
  conversationId: uuid,
  seq: z.number().int(),
  id: uuid,
  senderId: uuid,
  clientMsgId: z.string(),
  text: z.string(),
  attachments: z.array(AttachmentSchema),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const QueueEntryStatuses = ['waiting', 'called', 'in_call', 'done', 'left', 'no_show'] as const;
export type QueueEntryStatus = (typeof QueueEntryStatuses)[number];

export const QueuePositionSchema = z.object({
  doctorId: uuid,
  entryId: uuid,
  /** Per-doctor queue version; apply only if newer than the last one seen. */
  version: z.number().int(),
  status: z.enum(QueueEntryStatuses),
  position: z.number().int().nullable(),
  etaSeconds: z.number().int().nullable(),
});
export type QueuePosition = z.infer<typeof QueuePositionSchema>;

export const QueueAdminEntrySchema = z.object({
  entryId: uuid,
  patientId: uuid,
  patientName: z.string(),
  kind: z.enum(['appointment', 'walk_in']),
  appointmentId: uuid.nullable(),
  status: z.enum(QueueEntryStatuses),
  priority: z.number().int(),
  triagePriority: z.number().int().nullable(),
  priorityOverride: z.number().int().nullable(),
  triageSummary: z.string(),
  enqueuedAt: z.string(),
  noShowCount: z.number().int(),
  position: z.number().int().nullable(),
  etaSeconds: z.number().int().nullable(),
  roomId: z.string().nullable(),
});
export const QueueSnapshotSchema = z.object({
  doctorId: uuid,
  version: z.number().int(),
  medianConsultSeconds: z.number(),
  entries: z.array(QueueAdminEntrySchema),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshotSchema>;

export const NotificationSchema = z.object({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const Events = {
  /** First frame of every session, on user:<id>, once the token is verified. */
  'session.ready': z.object({
    userId: uuid,
    role: z.enum(['patient', 'doctor', 'admin']),
    nodeId: z.string(),
    expiresAt: z.string().nullable(),
  }),
  'chat.message': ChatMessageSchema,
  'chat.typing': z.object({ conversationId: uuid, userId: uuid, typing: z.boolean() }),
  'chat.receipt': z.object({
    conversationId: uuid,
    userId: uuid,
    kind: z.enum(ReceiptKinds),
    seq: z.number().int(),
  }),
  /** The doctor closed (closedAt set) or reopened (closedAt null) the conversation. */
  'chat.closed': z.object({
    conversationId: uuid,
    closedAt: z.string().nullable(),
    closedBy: uuid.nullable(),
    note: z.string().nullable(),
  }),
  'queue.snapshot': QueueSnapshotSchema,
  'queue.position': QueuePositionSchema,
  'queue.called': z.object({ doctorId: uuid, entryId: uuid, roomId: z.string() }),
  notification: NotificationSchema.extend({ unreadCount: z.number().int() }),
  /**
   * A watched user's presence changed (presence.watch). Its topic is `presence:<userId>`, which is
   * not subscribable: only watchers get it.
   */
  'presence.changed': z.object({ userId: uuid, status: z.enum(PresenceStates) }),
  /**
   * On the revoked topic: access to it ended (the visit ended, the guest was removed...). The server
   * dropped the subscription; the client must not re-subscribe.
   */
  'sub.revoked': z.object({ topic: z.string(), code: z.enum(['forbidden', 'not_found']) }),
  /** Sent once after a resume replay that hit the limit: page the rest with chat.history. */
  'chat.gap': z.object({ conversationId: uuid, after: z.number().int() }),
} as const;
export type EventName = keyof typeof Events;
export type EventData<E extends EventName> = z.infer<(typeof Events)[E]>;

export const AckFrameSchema = z.object({
  v: z.literal(1),
  type: z.literal('ack'),
  id: z.string(),
  data: z.unknown(),
});
export const ErrorFrameSchema = z.object({
  v: z.literal(1),
  type: z.literal('error'),
  id: z.string().nullable(),
  code: z.enum(ErrorCodes),
  message: z.string(),
});
export const EventFrameSchema = z.object({
  v: z.literal(1),
  type: z.literal('event'),
  topic: z.string(),
  event: z.string(),
  seq: z.number().int().optional(),
  data: z.unknown(),
});
export const ServerFrameSchema = z.discriminatedUnion('type', [
  AckFrameSchema,
  ErrorFrameSchema,
  EventFrameSchema,
]);
export type AckFrame = z.infer<typeof AckFrameSchema>;
export type ErrorFrame = z.infer<typeof ErrorFrameSchema>;
export type EventFrame = z.infer<typeof EventFrameSchema>;
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** Already-serialised JSON (a handler's answer, a stored chat message), so a payload used twice is stringified once. */
export class RawJson {
  constructor(readonly json: string) {}
}

/**
 * The one encoder of event frames. Frames are serialised once and fanned out as the same string;
 * `data` may come already serialised (RawJson), with the same bytes as if it were not. `seq` travels
 * on the bus beside the frame too, so nobody parses a frame to learn it.
 */
export function eventFrame(topic: string, event: string, data: unknown, seq?: number): string {
  if (data instanceof RawJson) {
    const head = `{"v":1,"type":"event","topic":${JSON.stringify(topic)},"event":${JSON.stringify(event)}`;
    return `${head}${seq === undefined ? '' : `,"seq":${seq}`},"data":${data.json}}`;
  }
  return JSON.stringify(
    seq === undefined
      ? { v: 1, type: 'event', topic, event, data }
      : { v: 1, type: 'event', topic, event, seq, data },
  );
}

/** A chat message's string fields, each already JSON-encoded (the writer encodes them once for its batch too). */
export interface EncodedChatFields {
  conversationId: string;
  senderId: string;
  clientMsgId: string;
  text: string;
  attachments: string;
}

/**
 * JSON.stringify(message) byte for byte (ChatMessageSchema's keys in the same order) without
 * escaping the text a second time: the group commit builds every message it stores this way.
 */
export function chatMessageJson(f: EncodedChatFields, seq: number, id: string, createdAt: string): string {
  return `{"conversationId":${f.conversationId},"seq":${seq},"id":"${id}","senderId":${f.senderId},"clientMsgId":${f.clientMsgId},"text":${f.text},"attachments":${f.attachments},"createdAt":"${createdAt}"}`;
}

/** The chat.send ack's data, `{ message, duplicate }`, around a message serialised once (chatMessageJson). */
export function chatSendAckData(messageJson: string, duplicate: boolean): RawJson {
  return new RawJson(`{"message":${messageJson},"duplicate":${duplicate}}`);
}

export function ackFrame(id: string, data: unknown): string {
  if (data instanceof RawJson) return `{"v":1,"type":"ack","id":${JSON.stringify(id)},"data":${data.json}}`;
  return JSON.stringify({ v: 1, type: 'ack', id, data: data ?? null });
}
export function errorFrame(id: string | null, code: ErrorCode, message: string): string {
  return JSON.stringify({ v: 1, type: 'error', id, code, message });
}
