/**
 * The socket half of the authorization matrix (issue 21): for every built-in request type, what
 * each kind of caller gets. The rows, the principals and the fixture world are described in
 * api/src/authz/types.ts; api/src/authz/matrix.test.ts walks this table against the host's real
 * socket tier and fails for a request type in `Requests` without a row.
 *
 * The objects are patient A's: the chat of A's consultation with the treating doctor, A's entry in
 * that doctor's queue. Rows run in this order; the ones that change what others may see (a report
 * lists the chat to admins) come last.
 *
 * The rows describe signaling's requests but live with the matrix here: they are built on the
 * matrix's fixture types, and signaling must never import the API (one direction of dependencies).
 */
import { perWorld, socketOutcomes, type SocketAuthzTable, type SocketCase, type World } from './types.ts';

const chat = (w: World) => `chat:${w.a.conversationId}`;
/** A's conversation: its two participants, nobody else (admins review reports through the API). */
const participants = (e: 'ok' | 'allow' = 'ok', others: 'forbidden' | 'not_subscribed' = 'forbidden') =>
  socketOutcomes(others, { patientOwn: e, doctorTreating: e });

/** Whose presence the caller may see: A is visible to A and to those who share a chat with A. */
const seesA = (d: { presence: Record<string, unknown> }, w: World) => w.ids.patientA in d.presence;

/** A fresh patient waiting in the treating doctor's queue, one per row (skip, no-show, end). */
const entryFor = () => perWorld((w) => w.fresh.queueEntry());
/** A message the treating doctor wrote in A's conversation, once per world. */
const doctorsMessage = perWorld(async (w) => {
  const r = await w.sockets.doctorTreating.request('chat.send', {
    conversationId: w.a.conversationId,
    clientMsgId: `matrix-report-${w.fresh.seq()}`,
    text: 'A reply to report',
  });
  if (!r.ok) throw new Error(`fixture: chat.send answered ${r.code}`);
  return (r.data as { message: { id: string } }).message.id;
});
const skipEntry = entryFor();
const noShowEntry = entryFor();
const endEntry = entryFor();
const priorityEntry = entryFor();
/** The treating doctor acts on it; other doctors find no such entry in their queue. */
const doctorsQueueAction = (): SocketCase['expect'] =>
  socketOutcomes('forbidden', {
    doctorTreating: 'ok',
    doctorUnrelated: 'invalid_state',
    doctorUnverified: 'doctor_not_verified',
  });

export const socketAuthz: SocketAuthzTable = {
  ping: { call: () => ({ msg: {} }), expect: socketOutcomes('ok') },
  'auth.refresh': {
    call: (w, p) => ({ msg: { token: w.clients[p].token } }),
    expect: socketOutcomes('ok'),
  },
  sub: [
    {
      name: "A's user topic",
      call: (w) => ({ msg: { topic: `user:${w.ids.patientA}` } }),
      expect: socketOutcomes('forbidden', { patientOwn: 'ok' }),
    },
    {
      name: "the treating doctor's queue",
      call: (w) => ({ msg: { topic: `queue:${w.ids.doctorTreating}` } }),
      expect: socketOutcomes('forbidden', { doctorTreating: 'ok' }),
    },
    {
      // The queue view names patients and their triage: a verified clinician's (issue 21).
      name: "one's own queue",
      call: (w, p) => ({ msg: { topic: `queue:${w.accounts[p].id}` } }),
      expect: socketOutcomes('forbidden', { doctorTreating: 'ok', doctorUnrelated: 'ok' }),
    },
    { name: "A's chat", call: (w) => ({ msg: { topic: chat(w) } }), expect: participants() },
    {
      name: "A's call room",
      call: (w) => ({ msg: { topic: `call:${w.a.roomId}` } }),
      expect: participants(),
    },
  ],
  unsub: {
    call: (w, p) => ({ msg: { topic: `user:${w.accounts[p].id}` } }),
    expect: socketOutcomes('ok'),
  },
  'presence.set': { call: () => ({ msg: { status: 'online' } }), expect: socketOutcomes('ok') },
  'presence.get': {
    call: (w) => ({ msg: { userIds: [w.ids.patientA] } }),
    sees: seesA,
    expect: socketOutcomes('filtered', { patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  'presence.watch': {
    call: (w) => ({ msg: { userIds: [w.ids.patientA] } }),
    sees: seesA,
    expect: socketOutcomes('filtered', { patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  'presence.unwatch': {
    call: (w) => ({ msg: { userIds: [w.ids.patientA] } }),
    expect: socketOutcomes('ok'),
  },
  'chat.list': {
    call: () => ({ msg: {} }),
    sees: (d, w) =>
      d.conversations.some((c: { id?: string; conversationId?: string }) =>
        [c.id, c.conversationId].includes(w.a.conversationId),
      ),
    expect: socketOutcomes('filtered', { patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  'chat.send': {
    call: (w) => ({
      msg: { conversationId: w.a.conversationId, clientMsgId: `matrix-${w.fresh.seq()}`, text: 'Hello' },
    }),
    expect: participants(),
  },
  'chat.history': {
    call: (w) => ({ msg: { conversationId: w.a.conversationId, limit: 10 } }),
    expect: participants(),
  },
  // Typing and receipts act on the subscription: a caller refused the topic is not subscribed.
  'chat.typing': {
    call: (w) => ({ subscribe: [chat(w)], msg: { conversationId: w.a.conversationId, typing: true } }),
    expect: participants('ok', 'not_subscribed'),
  },
  'chat.receipt': {
    call: (w) => ({
      subscribe: [chat(w)],
      msg: { conversationId: w.a.conversationId, kind: 'read', seq: 1 },
    }),
    expect: participants('ok', 'not_subscribed'),
  },
  'queue.checkIn': [
    {
      // A verified on-call doctor outside the matrix: any patient may walk in.
      name: 'a verified on-call doctor',
      call: (w) => ({ msg: { doctorId: w.ids.doctorOnCall } }),
      expect: socketOutcomes('forbidden', { patientOwn: 'ok', patientOther: 'ok' }),
    },
    {
      // Issue 21: a walk-in hands the doctor the patient's identity and triage.
      name: 'the unverified doctor',
      call: (w) => ({ msg: { doctorId: w.ids.doctorUnverified } }),
      expect: socketOutcomes('forbidden', {
        patientOwn: 'doctor_not_verified',
        patientOther: 'doctor_not_verified',
      }),
    },
  ],
  // One's own place only (the two patients walked in above); anyone else has none to leave.
  'queue.leave': {
    call: (w) => ({ msg: { doctorId: w.ids.doctorOnCall } }),
    expect: socketOutcomes('invalid_state', { patientOwn: 'ok', patientOther: 'ok' }),
  },
  'queue.state': [
    {
      // The named snapshot is the queue's doctor's; anyone else gets only their own entries.
      name: "the treating doctor's queue",
      call: (w) => ({ msg: { doctorId: w.ids.doctorTreating } }),
      sees: (d) => d.snapshot !== undefined,
      expect: socketOutcomes('filtered', { doctorTreating: 'ok' }),
    },
    {
      name: "one's own queue",
      call: (w, p) => ({ msg: { doctorId: w.accounts[p].id } }),
      sees: (d) => d.snapshot !== undefined,
      expect: socketOutcomes('filtered', {
        doctorTreating: 'ok',
        doctorUnrelated: 'ok',
        doctorUnverified: 'doctor_not_verified',
      }),
    },
  ],
  // A was called into the room: only A accepts A's call.
  'queue.accept': {
    call: (w) => ({ msg: { entryId: w.a.queueEntryId } }),
    expect: socketOutcomes('not_found', { patientOwn: 'ok' }),
  },
  'queue.callNext': {
    call: () => ({ msg: {} }),
    expect: socketOutcomes('forbidden', {
      doctorTreating: 'ok',
      doctorUnrelated: 'ok',
      doctorUnverified: 'doctor_not_verified',
    }),
  },
  'queue.skip': {
    call: async (w) => ({ msg: { entryId: (await skipEntry(w)).entryId } }),
    expect: doctorsQueueAction(),
  },
  'queue.setPriority': {
    call: async (w) => ({ msg: { entryId: (await priorityEntry(w)).entryId, priority: 2 } }),
    expect: doctorsQueueAction(),
  },
  // A waiting entry: no-show and end need a called one, so its doctor is refused for the state.
  'queue.noShow': {
    call: async (w) => ({ msg: { entryId: (await noShowEntry(w)).entryId } }),
    expect: { ...doctorsQueueAction(), doctorTreating: 'invalid_state' },
  },
  'queue.end': {
    call: async (w) => ({ msg: { entryId: (await endEntry(w)).entryId } }),
    expect: { ...doctorsQueueAction(), doctorTreating: 'invalid_state' },
  },
  // Issue 18: a patient writes to a doctor they have an appointment with (A has; B has none).
  'chat.open': {
    call: (w) => ({ msg: { doctorId: w.ids.doctorTreating } }),
    expect: socketOutcomes('forbidden', { patientOwn: 'ok', patientOther: 'no_appointment' }),
  },
  // The conversation's doctor only. Reopening (closed: false) leaves A's chat as the later rows need it.
  'chat.close': {
    call: (w) => ({ msg: { conversationId: w.a.conversationId, closed: false } }),
    expect: socketOutcomes('forbidden', { doctorTreating: 'ok' }),
  },
  'notif.list': { call: () => ({ msg: {} }), expect: socketOutcomes('ok') },
  'notif.read': { call: () => ({ msg: { all: true } }), expect: socketOutcomes('ok') },
  // Last: a report lists the conversation to admins (chat.reported).
  'chat.report': [
    {
      call: (w) => ({
        msg: { conversationId: w.a.conversationId, reason: 'Matrix: a reported conversation' },
      }),
      expect: participants(),
    },
    {
      // Issue 18: one message of the treating doctor's; A reports it, the doctor cannot report their own.
      name: "one of the doctor's messages",
      call: async (w) => ({
        msg: {
          conversationId: w.a.conversationId,
          messageId: await doctorsMessage(w),
          reason: 'Matrix: rude',
        },
      }),
      expect: socketOutcomes('forbidden', { patientOwn: 'ok', doctorTreating: 'bad_request' }),
    },
  ],
  'chat.reported': {
    call: () => ({ msg: {} }),
    sees: (d, w) =>
      d.conversations.some((c: { id?: string; conversationId?: string }) =>
        [c.id, c.conversationId].includes(w.a.conversationId),
      ),
    expect: socketOutcomes('forbidden', { admin: 'ok' }),
  },
};
