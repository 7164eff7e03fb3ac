/**
 * Who may use a consultation (authorization matrix, api/src/authz/types.ts): the routes, and the
 * call.* socket requests, which act only through an authorised `call:<room>` subscription. The room
 * is A's walk-in visit with the treating doctor; rows that end or leave a call get a fresh room.
 */
import {
  only,
  outcomes,
  perWorld,
  socketOutcomes,
  type RouteAuthzTable,
  type SocketAuthzTable,
  type SocketCase,
  type World,
} from '../authz/types.ts';

const inRoom = (w: World) => `call:${w.a.roomId}`;
/** The room's patient and doctor get past the subscription; everyone else is refused it. */
const participants = (e: 'ok' | 'allow' | 'not_found') =>
  socketOutcomes('not_subscribed', { patientOwn: e, doctorTreating: e });
const inA = (msg: (w: World) => Record<string, unknown>, e: 'ok' | 'allow' | 'not_found'): SocketCase => ({
  call: (w) => ({ subscribe: [inRoom(w)], msg: { roomId: w.a.roomId, ...msg(w) } }),
  expect: participants(e),
});

export const consultationsAuthz: RouteAuthzTable = {
  'GET /consultations': {
    call: () => ({ path: '/consultations' }),
    sees: (b, w) => b.some((c: { roomId: string }) => c.roomId === w.a.roomId),
    expect: outcomes('filtered', { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  'GET /consultations/:roomId': {
    call: (w) => ({ path: `/consultations/${w.a.roomId}` }),
    expect: only.authenticated(404, { patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  // The patient may invite only while the doctor allows it (off in A's room); the rest do not see it.
  'POST /consultations/:roomId/invites': {
    call: (w) => ({ path: `/consultations/${w.a.roomId}/invites`, body: { label: 'Interpreter' } }),
    expect: outcomes(404, {
      anonymous: 401,
      admin: 403,
      doctorTreating: 'ok',
      patientOwn: { status: 403, code: 'GUEST_INVITES_OFF' },
    }),
  },
  // Public (a guest has no account): a link that was never issued (guests.test.ts redeems real ones).
  'POST /consultations/invites/redeem': {
    call: () => ({
      path: '/consultations/invites/redeem',
      body: { token: 'y'.repeat(43), name: 'Guest' },
    }),
    expect: outcomes({ status: 404, code: 'INVITE_NOT_FOUND' }),
  },
  // Guests only: every account role is refused (what a guest may not reach: guests.test.ts).
  'GET /call-guests/me': {
    call: () => ({ path: '/call-guests/me' }),
    expect: outcomes(403, { anonymous: 401 }),
  },
  'GET /consultations/:roomId/guests': {
    call: (w) => ({ path: `/consultations/${w.a.roomId}/guests` }),
    expect: outcomes(404, { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  'PUT /consultations/:roomId/guest-policy': {
    call: (w) => ({ path: `/consultations/${w.a.roomId}/guest-policy`, body: { patientMayInvite: false } }),
    expect: only.doctors(404, { doctorTreating: 'ok', patientOwn: 403, patientOther: 403 }),
  },
  // A guest id that never redeemed: the treating doctor gets past authorization to GUEST_NOT_FOUND.
  ...Object.fromEntries(
    (['admit', 'decline'] as const).map((verb) => [
      `POST /consultations/:roomId/guests/:guestId/${verb}`,
      {
        call: (w: World) => ({
          path: `/consultations/${w.a.roomId}/guests/${w.ids.patientB}/${verb}`,
          body: {},
        }),
        expect: only.doctors(404, {
          doctorTreating: { status: 404, code: 'GUEST_NOT_FOUND' },
          patientOwn: 403,
          patientOther: 403,
        }),
      },
    ]),
  ),
};

/** Rooms the doctor ends or removes someone from: fresh, with a fresh patient in A's place. */
const removalRoom = perWorld((w) => w.fresh.callRoom());
const endedRoom = perWorld((w) => w.fresh.callRoom());
const freshRoomCase = (
  room: (w: World) => ReturnType<World['fresh']['callRoom']>,
  msg: (r: Awaited<ReturnType<World['fresh']['callRoom']>>) => Record<string, unknown>,
): SocketCase => ({
  call: async (w, p) => {
    const r = await room(w);
    return {
      subscribe: [`call:${r.roomId}`],
      msg: { roomId: r.roomId, ...msg(r) },
      ...(p === 'patientOwn' ? { as: r.patientSocket } : {}),
    };
  },
  // Doctor only: the room's patient is refused by role.
  expect: socketOutcomes('not_subscribed', { patientOwn: 'forbidden', doctorTreating: 'ok' }),
});

/**
 * Ids the SFU never issued: a participant gets past authorization to the SFU's own not_found,
 * everyone else stops at the subscription.
 */
export const callSocketAuthz: SocketAuthzTable = {
  'call.join': inA(() => ({}), 'ok'),
  'call.rtpCapabilities': inA(() => ({ rtpCapabilities: { codecs: [] } }), 'allow'),
  'call.createTransport': inA(() => ({ direction: 'recv' }), 'ok'),
  'call.connectTransport': inA(() => ({ transportId: 'no-such-transport', dtlsParameters: {} }), 'not_found'),
  'call.restartIce': inA(() => ({ transportId: 'no-such-transport' }), 'not_found'),
  'call.produce': inA(
    () => ({ transportId: 'no-such-transport', kind: 'audio', rtpParameters: {}, source: 'mic' }),
    'not_found',
  ),
  'call.closeProducer': inA(() => ({ producerId: 'no-such-producer' }), 'not_found'),
  'call.pauseProducer': inA(() => ({ producerId: 'no-such-producer' }), 'not_found'),
  'call.resumeProducer': inA(() => ({ producerId: 'no-such-producer' }), 'not_found'),
  'call.consume': inA(
    () => ({ transportId: 'no-such-transport', producerId: 'no-such-producer' }),
    'not_found',
  ),
  'call.resumeConsumer': inA(() => ({ consumerId: 'no-such-consumer' }), 'not_found'),
  'call.setTileSize': inA(
    () => ({ consumerId: 'no-such-consumer', tile: { width: 320, height: 180 } }),
    'not_found',
  ),
  'call.audioOnly': inA(() => ({ enabled: false }), 'ok'),
  'call.stats': inA(() => ({}), 'ok'),
  'call.chat': inA(() => ({ text: 'Can you hear me?' }), 'ok'),
  'call.remove': freshRoomCase(removalRoom, (r) => ({ peerId: r.patient.id })),
  'call.end': freshRoomCase(endedRoom, () => ({})),
  // Last: A and the treating doctor leave A's room.
  'call.leave': inA(() => ({}), 'ok'),
};
