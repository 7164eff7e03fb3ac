import { randomUUID } from 'node:crypto';
import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  PeerSession,
  RoomEvents,
  RtpCapabilities,
  RtpParameters,
  Sfu,
  SfuErrorCode,
  SfuResult,
} from '@telehealth/sfu';
import {
  CallRequests,
  type CallAcks,
  type CallEventName,
  type CallEvents,
  openConversation,
  setFollowUpWindow,
  SignalingError,
  type Authorize,
  type HandlerContext,
  type SignalingServer,
} from '@telehealth/signaling';
import type { z } from 'zod';
import type { Db } from '@telehealth/platform/db/index';
import type { Logger } from '../observability/logger.ts';
import { completeAppointment } from '../booking/service.ts';
import { checkCallAccess, resolveRoom, type AccessPolicy, type RoomInfo } from './access.ts';

type ErrorCode = ConstructorParameters<typeof SignalingError>[0];

const SFU_TO_SIGNALING: Record<SfuErrorCode, ErrorCode> = {
  'room-closed': 'invalid_state',
  'room-full': 'room_full',
  unavailable: 'unavailable',
  'peer-closed': 'invalid_state',
  'not-found': 'not_found',
  'invalid-direction': 'bad_request',
  'invalid-params': 'bad_request',
  'rtp-capabilities-missing': 'invalid_state',
  'cannot-consume': 'bad_request',
  'own-producer': 'bad_request',
  'source-in-use': 'conflict',
  limit: 'rate_limited',
  internal: 'internal',
};

/** The room's chat conversation, opened once (under a row lock, so concurrent joins share one). */
async function roomConversation(db: Db, r: RoomInfo): Promise<string> {
  return db.tx(async (q) => {
    const row = (
      await q.query<{ conversation_id: string | null }>(
        'SELECT conversation_id FROM consultations WHERE room_id = $1 FOR UPDATE',
        [r.roomId],
      )
    ).rows[0];
    if (row?.conversation_id) return row.conversation_id;
    const { id } = await openConversation(q, {
      appointmentId: r.appointmentId,
      patientId: r.patientId,
      doctorId: r.doctorId,
    });
    await q.query('UPDATE consultations SET conversation_id = $2 WHERE room_id = $1', [r.roomId, id]);
    return id;
  });
}

function unwrap<T>(r: SfuResult<T>): T {
  if (!r.ok) throw new SignalingError(SFU_TO_SIGNALING[r.code], r.message);
  return r.value;
}

interface Session {
  peer: PeerSession;
  connId: number;
  push: HandlerContext['push'];
  reconnectTimer?: NodeJS.Timeout;
}

/** Events for one participant's own connection; everything else is broadcast on the room topic. */
const PER_PEER = ['consumerClosed', 'consumerLayersChanged', 'transportState', 'iceRestarted'] as const;
const BROADCAST = [
  'peerJoined',
  'peerLeft',
  'newProducer',
  'producerClosed',
  'producerPaused',
  'producerResumed',
  'activeSpeaker',
  'quality',
] as const;

/** mediasoup's structures in the acks and events, as the SFU hands them over. */
type SfuMedia = {
  rtpCapabilities: RtpCapabilities;
  rtpParameters: RtpParameters;
  iceParameters: IceParameters;
  iceCandidate: IceCandidate;
  dtlsParameters: DtlsParameters;
};
type Acks = CallAcks<SfuMedia>;
/** A handler returns its ack data; `null` acks are a handler that returns nothing. */
type Reply<T extends keyof Acks> = Acks[T] extends null ? void : Acks[T];
type Relayed = (typeof BROADCAST)[number] | (typeof PER_PEER)[number];
// Compile-time check that each SFU event relayed to the browser carries what CallEvents promises.
type Mismatched = {
  [N in Relayed]: [RoomEvents[N][0]] extends [CallEvents<SfuMedia>[`call.${N}`]] ? never : N;
}[Relayed];
const relayedAsDeclared: [Mismatched] extends [never] ? true : false = true;
void relayedAsDeclared;

export interface CallDeps {
  db: Db;
  sfu: Sfu;
  log: Logger;
  now: () => Date;
  policy?: AccessPolicy;
  /** Days the visit's chat stays open after the consultation ends (CHAT_FOLLOWUP_DAYS). */
  followUpDays?: number;
  /** How long a participant whose socket dropped keeps their place before leaving. */
  reconnectGraceMs?: number;
}

/**
 * `call:<room>` topic access: the appointment's or queue visit's patient and doctor in the room's
 * time window, and guests the doctor invited. Other topics go to `base`.
 */
export function createCallAuthorizer(
  deps: Pick<CallDeps, 'db' | 'now' | 'policy'>,
  base: Authorize,
): Authorize {
  return async (principal, topic) => {
    if (!topic.startsWith('call:')) return base(principal, topic);
    const access = await checkCallAccess(
      deps.db,
      topic.slice(5),
      { id: principal.userId, role: principal.role },
      deps.now(),
      deps.policy,
    );
    if (access.ok) return { ok: true };
    return { ok: false, code: access.reason === 'not_found' ? 'not_found' : 'forbidden' };
  };
}

/** Registers the call.* requests on the socket tier and relays the SFU's events to the rooms. */
export function registerCallHandlers(server: SignalingServer, deps: CallDeps) {
  const { db, sfu, log } = deps;
  const sessions = new Map<string, Session>();
  const key = (roomId: string, userId: string) => `${roomId}|${userId}`;
  const grace = deps.reconnectGraceMs ?? 30_000;

  const session = (ctx: HandlerContext, roomId: string): Session => {
    const s = sessions.get(key(roomId, ctx.principal.userId));
    // A rejoin from another socket (a reload) takes over; the old socket's requests are stale.
    if (!s || s.connId !== ctx.connId || s.peer.closed)
      throw new SignalingError('invalid_state', 'join the call first');
    return s;
  };
  const topic = (m: { roomId: string }) => `call:${m.roomId}`;
  const publish = <E extends CallEventName>(roomId: string, event: E, data: CallEvents<SfuMedia>[E]) =>
    server
      .publish(`call:${roomId}`, event, data)
      .catch((err) => log.warn({ err: String(err), roomId }, 'call event publish failed'));

  server.registerHandler(
    'call.join',
    CallRequests['call.join'],
    async (ctx, m): Promise<Acks['call.join']> => {
      const access = await checkCallAccess(
        db,
        m.roomId,
        { id: ctx.principal.userId, role: ctx.principal.role },
        deps.now(),
        deps.policy,
      );
      if (!access.ok)
        throw new SignalingError(
          access.reason === 'not_found' || access.reason === 'doctor_not_verified'
            ? access.reason
            : 'forbidden',
          `cannot join: ${access.reason}`,
        );
      const name =
        (await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [ctx.principal.userId]))
          .rows[0]?.name ?? 'Participant';
      const room = await sfu.getOrCreateRoom(m.roomId);
      const joined = unwrap(
        await room.join(ctx.principal.userId, {
          role: access.role,
          displayName: m.displayName ?? name,
          ...(m.rtpCapabilities ? { rtpCapabilities: m.rtpCapabilities as never } : {}),
        }),
      );
      const k = key(m.roomId, ctx.principal.userId);
      const previous = sessions.get(k);
      if (previous?.reconnectTimer) clearTimeout(previous.reconnectTimer);
      sessions.set(k, { peer: joined.peer, connId: ctx.connId, push: ctx.push });
      const r = access.room;
      await db.query(
        `INSERT INTO consultations (room_id, appointment_id, queue_entry_id, patient_id, doctor_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (room_id) DO NOTHING`,
        [r.roomId, r.appointmentId, r.queueEntryId, r.patientId, r.doctorId],
      );
      const conversationId = await roomConversation(db, r);
      return {
        peerId: ctx.principal.userId,
        role: access.role,
        routerRtpCapabilities: joined.routerRtpCapabilities,
        iceServers: joined.iceServers,
        peers: joined.peers,
        activeSpeakerPeerId: joined.activeSpeakerPeerId,
        consultationStartedAt: joined.consultationStartedAt,
        conversationId,
      };
    },
    { topic },
  );

  const on = <T extends keyof typeof CallRequests>(
    type: T,
    fn: (
      s: Session,
      m: ReturnType<(typeof CallRequests)[T]['parse']>,
      ctx: HandlerContext,
    ) => Promise<Reply<T>> | Reply<T>,
  ) => {
    const schema = CallRequests[type] as z.ZodType<{ roomId: string }>;
    server.registerHandler(type, schema, (ctx, m) => fn(session(ctx, m.roomId), m as never, ctx), { topic });
  };

  on('call.rtpCapabilities', (s, m) => unwrap(s.peer.setRtpCapabilities(m.rtpCapabilities as never)));
  on('call.createTransport', async (s, m) =>
    unwrap(await s.peer.createWebRtcTransport({ direction: m.direction })),
  );
  on('call.connectTransport', async (s, m) =>
    unwrap(await s.peer.connectTransport(m.transportId, m.dtlsParameters as never)),
  );
  on('call.restartIce', async (s, m) => ({ iceParameters: unwrap(await s.peer.restartIce(m.transportId)) }));
  on('call.produce', async (s, m) =>
    unwrap(
      await s.peer.produce(m.transportId, {
        kind: m.kind,
        rtpParameters: m.rtpParameters as never,
        source: m.source,
        ...(m.paused !== undefined ? { paused: m.paused } : {}),
      }),
    ),
  );
  on('call.closeProducer', (s, m) => unwrap(s.peer.closeProducer(m.producerId)));
  on('call.pauseProducer', async (s, m) => unwrap(await s.peer.pauseProducer(m.producerId)));
  on('call.resumeProducer', async (s, m) => unwrap(await s.peer.resumeProducer(m.producerId)));
  on('call.consume', async (s, m) => unwrap(await s.peer.consume(m.transportId, m.producerId)));
  on('call.resumeConsumer', async (s, m) => unwrap(await s.peer.resumeConsumer(m.consumerId)));
  on('call.setTileSize', async (s, m) => ({
    layers: unwrap(await s.peer.setTileSize(m.consumerId, m.tile)),
  }));
  on('call.audioOnly', async (s, m) => unwrap(await s.peer.setAudioOnly(m.enabled)));
  on('call.stats', async (s) => unwrap(await s.peer.getStats()));
  on('call.leave', (s, m, ctx) => {
    s.peer.leave();
    sessions.delete(key(m.roomId, ctx.principal.userId));
  });
  // Relayed, never stored: a guest reads only what is said while they are in the call.
  on('call.chat', async (s, m, ctx) => {
    const message = {
      id: randomUUID(),
      senderId: ctx.principal.userId,
      senderName: s.peer.displayName,
      role: s.peer.role,
      text: m.text,
      sentAt: deps.now().toISOString(),
    };
    await publish(m.roomId, 'call.chatMessage', { roomId: m.roomId, ...message });
    return { message };
  });
  on('call.remove', async (s, m) => {
    if (s.peer.role !== 'doctor')
      throw new SignalingError('forbidden', 'only the doctor can remove a participant');
    // A guest is removed in the database first (so no rejoin gets in between), whether or not they
    // are in the call right now (waiting, admitted and not yet joined, or reconnecting).
    const guest = await db.query(
      'UPDATE call_guests SET removed_at = COALESCE(removed_at, now()) WHERE room_id = $1 AND user_id = $2',
      [m.roomId, m.peerId],
    );
    const room = await sfu.getRoom(m.roomId);
    const inCall = room?.removePeer(m.peerId) ?? false;
    if (!inCall && !guest.rowCount) throw new SignalingError('not_found', 'no such participant');
    const gone = sessions.get(key(m.roomId, m.peerId));
    if (gone?.reconnectTimer) clearTimeout(gone.reconnectTimer);
    sessions.delete(key(m.roomId, m.peerId));
    // A removed guest also loses the room topic and its events, on every signaling node.
    await server.revalidate(`call:${m.roomId}`);
  });
  on('call.end', async (s, m, ctx) => {
    if (s.peer.role !== 'doctor')
      throw new SignalingError('forbidden', 'only the doctor can end the consultation');
    // ended_at now, so pages the doctor opens next list the visit as finished; the SFU's
    // consultationEnded then records its own end time and the duration.
    await db.query(
      'UPDATE consultations SET ended_by = $2, ended_at = COALESCE(ended_at, now()) WHERE room_id = $1',
      [m.roomId, ctx.principal.userId],
    );
    // A booked visit ends with its consultation: completed now, not when the window lapses (issue 15).
    if ((await resolveRoom(db, m.roomId))?.kind === 'appointment')
      await db.tx((q) => completeAppointment(q, m.roomId, ctx.principal.userId));
    (await sfu.getRoom(m.roomId))?.close('closed');
  });

  // A dropped socket is not a goodbye: the others see "reconnecting" and the seat is kept for a
  // while, so a reload or a network change rejoins the same call.
  server.onDisconnect(({ connId, userId }) => {
    for (const [k, s] of sessions) {
      if (s.connId !== connId || !k.endsWith(`|${userId}`)) continue;
      void publish(s.peer.roomId, 'call.peerReconnecting', { roomId: s.peer.roomId, peerId: userId });
      s.reconnectTimer = setTimeout(() => {
        if (sessions.get(k) === s) {
          s.peer.leave();
          sessions.delete(k);
        }
      }, grace);
      s.reconnectTimer.unref();
    }
  });

  // Relayed as the SFU emits them (checked against CallEvents above, event by event).
  for (const name of BROADCAST)
    sfu.on(
      name,
      (e: { roomId: string }) =>
        void publish(e.roomId, `call.${name}`, e as CallEvents<SfuMedia>[`call.${typeof name}`]),
    );
  for (const name of PER_PEER)
    sfu.on(name as 'consumerClosed', (e: { roomId: string; peerId: string }) => {
      const s = sessions.get(key(e.roomId, e.peerId));
      s?.push(`call:${e.roomId}`, `call.${name}`, e);
    });
  sfu.on('roomRecreated', (e) => {
    for (const p of e.peerIds) sessions.delete(key(e.roomId, p));
    void publish(e.roomId, 'call.rejoin', { roomId: e.roomId, reason: e.reason });
  });
  sfu.on('consultationStarted', (e) => {
    void db
      .query('UPDATE consultations SET started_at = COALESCE(started_at, $2) WHERE room_id = $1', [
        e.roomId,
        e.startedAt,
      ])
      .catch((err) => log.error({ err: String(err) }, 'consultation start not recorded'));
    void publish(e.roomId, 'call.started', e);
  });
  sfu.on('consultationEnded', (e) => {
    void (async () => {
      const { rows } = await db.query<{ conversation_id: string | null }>(
        'UPDATE consultations SET ended_at = $2, duration_ms = $3 WHERE room_id = $1 RETURNING conversation_id',
        [e.roomId, e.endedAt, e.durationMs],
      );
      // The visit's chat stays open for follow-up questions for the configured period.
      const conversationId = rows[0]?.conversation_id;
      if (conversationId)
        await setFollowUpWindow(db, conversationId, new Date(e.endedAt), deps.followUpDays ?? 14);
    })().catch((err) => log.error({ err: String(err) }, 'consultation end not recorded'));
    void publish(e.roomId, 'call.ended', e);
  });
  sfu.on('roomClosed', (e) => {
    for (const k of sessions.keys()) if (k.startsWith(`${e.roomId}|`)) sessions.delete(k);
  });
}
