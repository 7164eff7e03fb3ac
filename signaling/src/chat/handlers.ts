import { errorMessage, SignalingError } from '../errors.ts';
import { notify } from '../notify.ts';
import { chatSendAckData, eventFrame, RawJson, Requests } from '../protocol.ts';
import { sanitizeChatText } from '../sanitize.ts';
import type { Core } from '../server.ts';
import type { SignalingDeps } from '../types.ts';
import { openDirectConversation, setConversationClosed } from './direct.ts';
import {
  history,
  listConversations,
  listReported,
  participantIds,
  recordReceipt,
  reportConversation,
  reportMessage,
  reportedByMe,
} from './store.ts';
import { createChatWriter } from './writer.ts';

const PARTICIPANT_CACHE_MS = 30_000;

export function registerChatHandlers(core: Core, deps: SignalingDeps) {
  const { server, authorize, log } = core;
  const cfg = server.config;
  const { db, bus } = deps;
  const participants = new Map<
    string,
    { ids: string[]; at: number; local?: { sender: string; version: number; all: boolean } }
  >();
  const writer = createChatWriter(db);
  const maxText = cfg.CHAT_MAX_TEXT;

  async function membersOf(conversationId: string) {
    const hit = participants.get(conversationId);
    if (hit && Date.now() - hit.at < PARTICIPANT_CACHE_MS) return hit.ids;
    const ids = await participantIds(db, conversationId);
    if (participants.size > 10_000) participants.clear();
    participants.set(conversationId, { ids, at: Date.now() });
    return ids;
  }

  /**
   * Every other member has a socket on this node (known without I/O): nobody to notify. Remembered
   * per conversation until someone connects to or leaves this node: it is asked for every message.
   */
  function allLocal(conversationId: string, senderId: string) {
    const hit = participants.get(conversationId);
    if (!hit || Date.now() - hit.at >= PARTICIPANT_CACHE_MS) return false;
    const version = core.localUsersVersion();
    const l = hit.local;
    if (l && l.sender === senderId && l.version === version) return l.all;
    let all = true;
    for (const id of hit.ids) if (id !== senderId && !core.isLocal(id)) all = false;
    hit.local = { sender: senderId, version, all };
    return all;
  }

  /** Members who are not online anywhere get one coalesced unread notification per conversation. */
  async function notifyOffline(conversationId: string, senderId: string) {
    const others = (await membersOf(conversationId)).filter((id) => id !== senderId && !core.isLocal(id));
    if (others.length === 0) return;
    const presence = await core.presenceOf(others);
    for (const id of others) {
      if (presence[id] !== 'offline') continue;
      await notify(db, bus, id, {
        kind: 'chat.message',
        // No message text: notifications may be shown on lock screens and mailed.
        title: 'New message',
        body: 'You have a new message from your care team.',
        data: { conversationId },
        dedupeKey: `chat:${conversationId}`,
      });
    }
  }

  // Not async: a send is the hot path, and each await is another microtask per message.
  server.registerHandler('chat.send', Requests['chat.send'], (ctx, m) => {
    const clean = sanitizeChatText(m.text, maxText);
    if (!clean.ok)
      throw new SignalingError(
        'text_invalid',
        clean.reason === 'empty' ? 'empty message' : 'message too long',
      );
    const senderId = ctx.principal.userId;
    return writer
      .send({
        conversationId: m.conversationId,
        senderId,
        clientMsgId: m.clientMsgId,
        text: clean.text,
        attachments: m.attachments,
      })
      .then((r) => {
        if (!r.ok)
          throw new SignalingError(
            r.code,
            r.code === 'conversation_closed'
              ? r.closed === 'doctor'
                ? 'the doctor closed this conversation'
                : 'follow-up period is over'
              : r.code === 'no_appointment'
                ? 'no appointment with this doctor'
                : r.code,
          );
        if (!r.duplicate) {
          const topic = `chat:${m.conversationId}`;
          // Not awaited: the message is committed, and the bus only announces it (a lost
          // announcement is repaired by resume and history), so the ack does not wait for Redis.
          ctx
            .publish(
              topic,
              eventFrame(topic, 'chat.message', new RawJson(r.json), r.message.seq),
              r.message.seq,
            )
            .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'chat announcement failed'));
          if (!allLocal(m.conversationId, senderId))
            notifyOffline(m.conversationId, senderId).catch((err: unknown) =>
              log.warn({ err: errorMessage(err) }, 'offline chat notification failed'),
            );
        }
        return chatSendAckData(r.json, r.duplicate);
      });
  });

  server.registerHandler('chat.history', Requests['chat.history'], async (ctx, m) => {
    const access = await authorize(ctx.principal, `chat:${m.conversationId}`);
    if (!access.ok) throw new SignalingError(access.code, 'not a participant');
    const opts: { before?: number; after?: number; limit: number } = { limit: m.limit };
    if (m.before !== undefined) opts.before = m.before;
    if (m.after !== undefined) opts.after = m.after;
    const messages = await history(db, m.conversationId, opts);
    // Which of these the caller has reported, so the page marks them again after a reload.
    return { messages, reported: await reportedByMe(db, ctx.principal.userId, messages) };
  });

  server.registerHandler(
    'chat.typing',
    Requests['chat.typing'],
    async (ctx, m) => {
      const topic = `chat:${m.conversationId}`;
      await ctx.publish(
        topic,
        eventFrame(topic, 'chat.typing', {
          conversationId: m.conversationId,
          userId: ctx.principal.userId,
          typing: m.typing,
        }),
      );
      return null;
    },
    { topic: (m) => `chat:${m.conversationId}` },
  );

  server.registerHandler(
    'chat.receipt',
    Requests['chat.receipt'],
    async (ctx, m) => {
      const seq = await recordReceipt(db, m.conversationId, ctx.principal.userId, m.kind, m.seq);
      if (seq === null) throw new SignalingError('forbidden', 'not a participant');
      const topic = `chat:${m.conversationId}`;
      await ctx.publish(
        topic,
        eventFrame(topic, 'chat.receipt', {
          conversationId: m.conversationId,
          userId: ctx.principal.userId,
          kind: m.kind,
          seq,
        }),
      );
      return { seq };
    },
    { topic: (m) => `chat:${m.conversationId}` },
  );

  /** Free text beside messages (a report's reason, a close note) gets the same hygiene as messages. */
  function cleanNote(text: string, max: number): string {
    const c = sanitizeChatText(text, max);
    if (!c.ok)
      throw new SignalingError('text_invalid', c.reason === 'empty' ? 'empty text' : 'text too long');
    return c.text;
  }

  server.registerHandler('chat.report', Requests['chat.report'], async (ctx, m) => {
    // The reason is never logged: it may quote the message.
    const reason = cleanNote(m.reason, 1000);
    if (m.messageId) {
      const r = await reportMessage(db, {
        conversationId: m.conversationId,
        messageId: m.messageId,
        reporterId: ctx.principal.userId,
        reason,
      });
      if (!r.ok)
        throw new SignalingError(
          r.code,
          r.code === 'bad_request' ? 'one cannot report one’s own message' : 'no such message here',
        );
      if (!r.duplicate)
        log.info({ conversationId: m.conversationId, reportId: r.id }, 'chat message reported');
      return { reportId: r.id };
    }
    const r = await reportConversation(db, m.conversationId, ctx.principal.userId, reason);
    if (!r) throw new SignalingError('forbidden', 'not a participant');
    log.info({ conversationId: m.conversationId, reportId: r.id }, 'conversation reported');
    return { reportId: r.id };
  });

  // Issue 18: a patient writes to a doctor they have an appointment with, outside any visit.
  server.registerHandler('chat.open', Requests['chat.open'], async (ctx, m) => {
    if (ctx.principal.role !== 'patient')
      throw new SignalingError('forbidden', 'patients open conversations');
    const r = await openDirectConversation(db, ctx.principal.userId, m.doctorId);
    if (!r.ok) throw new SignalingError(r.code, 'no appointment with this doctor');
    // The doctor is not subscribed to a conversation that did not exist: the bell tells them (and an
    // open inbox reloads its list on it). No names or text: notifications may show on lock screens.
    if (r.created)
      notify(db, bus, m.doctorId, {
        kind: 'chat.message',
        title: 'New conversation',
        body: 'A patient with an appointment wrote to you.',
        data: { conversationId: r.conversationId },
      }).catch((err: unknown) =>
        log.warn({ err: errorMessage(err) }, 'new conversation notification failed'),
      );
    return { conversationId: r.conversationId };
  });

  server.registerHandler('chat.close', Requests['chat.close'], async (ctx, m) => {
    if (ctx.principal.role !== 'doctor')
      throw new SignalingError('forbidden', 'the doctor closes a conversation');
    const r = await setConversationClosed(db, {
      conversationId: m.conversationId,
      doctorId: ctx.principal.userId,
      closed: m.closed,
      note: m.closed && m.note ? cleanNote(m.note, 500) : null,
    });
    if (!r.ok) throw new SignalingError(r.code, 'not this doctor’s conversation');
    const topic = `chat:${m.conversationId}`;
    // Committed: both sides' open pages hear it (a lost announcement shows on the next chat.list).
    ctx
      .publish(topic, eventFrame(topic, 'chat.closed', r.state))
      .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'chat close announcement failed'));
    return r.state;
  });

  server.registerHandler('chat.reported', Requests['chat.reported'], async (ctx, m) => {
    if (ctx.principal.role !== 'admin') throw new SignalingError('forbidden', 'admins only');
    return { conversations: await listReported(db, m.limit) };
  });

  server.registerHandler('chat.list', Requests['chat.list'], async (ctx) => ({
    conversations: await listConversations(db, ctx.principal.userId),
  }));
}
