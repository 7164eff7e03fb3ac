import type uWS from 'uwebsockets';
import type { BusListener, FrameMeta } from './bus.ts';
import { userTopic, type Conn } from './conn.ts';
import { errorMessage } from './errors.ts';
import type { Logger, SignalingStats } from './types.ts';

export interface TopicsOptions {
  /** This node's bus subscriptions: one per topic any local socket needs. */
  listener: BusListener;
  /** Native fan-out. */
  app: uWS.TemplatedApp;
  send(conn: Conn, frame: string): void;
  stats: Pick<SignalingStats, 'topics' | 'framesOut'>;
  log: Logger;
}

/**
 * Which topics this node listens to on the bus (reference counted over its sockets and users) and
 * which local sockets hear each shared topic (chat, queue, call).
 *
 * Delivery of shared topics is uWS's native pub/sub (each subscriber socket `subscribe`s): one call
 * per frame instead of one per recipient, the frame converted once, and frames for the same socket
 * in one loop iteration coalesced into one write. The subscriber sets here are bookkeeping for
 * authorisation and teardown. `user:<id>` topics are delivered from the users registry instead, so
 * an idle socket owns no native subscription (idle memory is a budget).
 */
export function createTopics(o: TopicsOptions) {
  const { listener, app, send, stats, log } = o;
  const refs = new Map<string, { count: number; ready: Promise<void> }>();
  const subs = new Map<string, Set<Conn>>();
  /**
   * Sockets that finished a chat replay up to a seq but are not in the native fan-out yet. An
   * announcement can reach this node after the message was already read for the replay (it travels
   * separately from the commit, through Redis), so these sockets get frames from here, filtered by
   * seq, until the first newer message; then they join the native fan-out.
   */
  const catchingUp = new Map<string, Map<Conn, number>>();

  /** Resolves once this node receives the topic's frames. */
  function retain(topic: string): Promise<void> {
    const ref = refs.get(topic);
    if (ref) {
      ref.count++;
      return ref.ready;
    }
    const ready = listener.subscribe(topic);
    refs.set(topic, { count: 1, ready });
    stats.topics = refs.size;
    return ready;
  }

  function release(topic: string) {
    const ref = refs.get(topic);
    if (!ref) return;
    if (--ref.count > 0) return;
    refs.delete(topic);
    stats.topics = refs.size;
    listener
      .unsubscribe(topic)
      .catch((err: unknown) => log.warn({ err: errorMessage(err) }, 'bus unsubscribe failed'));
  }

  function isSubscribed(conn: Conn, topic: string) {
    return topic === userTopic(conn.userId) || (conn.topics?.has(topic) ?? false);
  }

  /** The socket holds the topic from now on; it hears it once join() has run. */
  function reserve(conn: Conn, topic: string): Promise<void> {
    (conn.topics ??= new Set()).add(topic);
    return retain(topic);
  }

  /** `replayedTo`: the socket was just replayed up to that seq (see catchingUp). */
  function join(conn: Conn, topic: string, replayedTo?: number) {
    let set = subs.get(topic);
    if (!set) subs.set(topic, (set = new Set()));
    set.add(conn);
    if (replayedTo === undefined) return void conn.ws?.subscribe(topic);
    let waiting = catchingUp.get(topic);
    if (!waiting) catchingUp.set(topic, (waiting = new Map()));
    waiting.set(conn, replayedTo);
  }

  /** uWS drops a closed socket's native subscriptions itself; `ws` is null by then. */
  function leave(conn: Conn, topic: string) {
    const set = subs.get(topic);
    if (set?.delete(conn) && set.size === 0) subs.delete(topic);
    const waiting = catchingUp.get(topic);
    if (waiting?.delete(conn) && waiting.size === 0) catchingUp.delete(topic);
    if (conn.open) conn.ws?.unsubscribe(topic);
  }

  async function subscribe(conn: Conn, topic: string) {
    if (isSubscribed(conn, topic)) return;
    await reserve(conn, topic);
    if (!conn.open || !conn.topics?.has(topic)) return; // closed or unsubscribed meanwhile
    join(conn, topic);
  }

  function unsubscribe(conn: Conn, topic: string) {
    if (!conn.topics?.delete(topic)) return;
    leave(conn, topic);
    release(topic);
  }

  /** A closed socket's subscriptions. */
  function dropAll(conn: Conn) {
    if (conn.topics)
      for (const t of conn.topics) {
        leave(conn, t);
        release(t);
      }
    conn.topics = null;
  }

  function deliverCatchingUp(frame: string, seq: number | undefined, waiting: Map<Conn, number>) {
    let caughtUp: Conn[] | null = null;
    for (const [c, replayedTo] of waiting) {
      if (seq !== undefined && seq <= replayedTo) continue; // already replayed
      send(c, frame);
      if (seq !== undefined) (caughtUp ??= []).push(c);
    }
    return caughtUp;
  }

  /** A frame from the bus on a shared topic, to this node's subscribers. */
  function deliver(topic: string, frame: string, meta: FrameMeta) {
    const waiting = catchingUp.get(topic);
    const caughtUp = waiting ? deliverCatchingUp(frame, meta.seq, waiting) : null;
    // uWS takes a topic's subscribers at publish time, so sockets that subscribe after this call
    // (a finished replay, a socket that just caught up) get this frame from us only: never twice.
    const set = subs.get(topic);
    if (set) {
      const from = meta.origin as Conn | undefined;
      if (from?.ws && set.has(from) && !waiting?.has(from)) {
        // The publishing socket's copy goes into its outbox, next to the ack it is about to get:
        // one write instead of two (ws.publish skips the sender).
        from.ws.publish(topic, frame, false);
        send(from, frame);
        stats.framesOut += set.size - 1; // the sender's copy is counted when it is written
      } else {
        app.publish(topic, frame, false);
        stats.framesOut += set.size;
      }
    }
    if (caughtUp)
      for (const c of caughtUp) {
        waiting!.delete(c);
        if (c.open) c.ws?.subscribe(topic);
      }
    if (waiting?.size === 0) catchingUp.delete(topic);
  }

  return { retain, release, isSubscribed, reserve, join, subscribe, unsubscribe, dropAll, deliver };
}
export type Topics = ReturnType<typeof createTopics>;
