import type { Queryable } from '@telehealth/platform/db/types';
import type { SignalingConfig } from '../config.ts';
import type { Conn } from '../conn.ts';
import { eventFrame } from '../protocol.ts';
import type { Topics } from '../topics.ts';
import { history } from './store.ts';

interface Held {
  conn: Conn;
  frames: { frame: string; seq: number | undefined }[];
}

export interface ChatReplayOptions {
  db: Queryable;
  config: Pick<SignalingConfig, 'CHAT_RESUME_LIMIT'>;
  topics: Pick<Topics, 'reserve' | 'join' | 'unsubscribe'>;
  send(conn: Conn, frame: string): void;
}

/**
 * Chat resume: live frames for the topic are held for the socket while the missed messages are
 * read from PostgreSQL, then sent in order: the replay, then held frames newer than the replay.
 * The socket joins the topic's fan-out only after that (and after delivering what was announced
 * so far to the others), so the client sees each seq exactly once.
 */
export function createChatReplay(o: ChatReplayOptions) {
  const { db, config, topics, send } = o;
  /** Sockets replaying a chat topic: live frames are held for them until the replay is sent. */
  const replaying = new Map<string, Set<Held>>();

  /** Every frame the bus delivers on a topic passes here first. */
  function hold(topic: string, frame: string, seq: number | undefined) {
    const held = replaying.get(topic);
    if (held) for (const h of held) h.frames.push({ frame, seq });
  }

  async function subscribe(conn: Conn, topic: string, conversationId: string, since: number) {
    topics.unsubscribe(conn, topic);
    const held: Held = { conn, frames: [] };
    let set = replaying.get(topic);
    if (!set) replaying.set(topic, (set = new Set()));
    set.add(held);
    try {
      await topics.reserve(conn, topic);
      const limit = config.CHAT_RESUME_LIMIT;
      const missed = await history(db, conversationId, { after: since, limit: limit + 1 });
      const more = missed.length > limit;
      if (more) missed.pop();
      let maxSeq = since;
      let sentTo = since;
      if (conn.open && conn.ws && conn.topics?.has(topic)) {
        for (const m of missed) {
          send(conn, eventFrame(topic, 'chat.message', m, m.seq));
          maxSeq = m.seq;
        }
        if (more) send(conn, eventFrame(topic, 'chat.gap', { conversationId, after: maxSeq }));
        for (const { frame, seq } of held.frames) {
          if (seq !== undefined && seq <= maxSeq) continue;
          send(conn, frame);
          if (seq !== undefined) sentTo = Math.max(sentTo, seq);
        }
        if (conn.open) topics.join(conn, topic, Math.max(maxSeq, sentTo));
      }
      return { topic, replayed: missed.length, lastSeq: maxSeq, more };
    } catch (err) {
      topics.unsubscribe(conn, topic);
      throw err;
    } finally {
      set.delete(held);
      if (set.size === 0) replaying.delete(topic);
    }
  }

  return { hold, subscribe };
}
export type ChatReplay = ReturnType<typeof createChatReplay>;
