import type { Conn } from './conn.ts';
import { CloseCodes } from './protocol.ts';
import type { SignalingStats } from './types.ts';

/** uWS's send() result when the socket is over its backpressure limit. */
const SEND_DROPPED = 2;

export interface Outbox {
  /** Queues a frame for the socket; it is written at the end of the turn with the socket's others. */
  send(conn: Conn, frame: string): void;
  /** Closes with a code once, after writing what was queued for the socket before the close. */
  end(conn: Conn, code: number, reason: string): void;
  /** Closes a socket whose send buffer passed its limit (from a microtask: see below). */
  dropSlowConsumer(conn: Conn): void;
}

/**
 * Frames for each socket written since the last flush, in order. Everything a turn produces for a
 * socket (acks of a whole group commit, user-topic events, a replay) goes out at the end of the
 * turn under one cork, i.e. one write syscall: the write per socket and the wake-up it causes are
 * most of what sending costs.
 */
export function createOutbox(stats: Pick<SignalingStats, 'framesOut' | 'slowConsumersDropped'>): Outbox {
  let queued = new Map<Conn, string[]>();
  let flushQueued = false;

  /**
   * Writes the turn's frames. Scheduled with nextTick, which runs once the microtask queue is empty:
   * a group commit's promise chains (the published copy, then the ack) all land in one flush, i.e.
   * one write per socket. It still runs before uWS drains its native publishes (end of the loop turn).
   */
  function flush() {
    flushQueued = false;
    if (queued.size === 0) return;
    const out = queued;
    queued = new Map();
    for (const [c, list] of out) writeAll(c, list);
  }

  function writeAll(c: Conn, list: string[]) {
    if (!c.open || !c.ws) return;
    if (list.length === 1) return write(c, list[0]!);
    const ws = c.ws;
    // uWS writes a subscriber's pending published frames before a send, and doing so drops the
    // cork held around it (uWS 20's topic-tree drain uncorks whatever cork is active). Corking again
    // after the first frame keeps the rest of the list in one write.
    ws.cork(() => {
      write(c, list[0]!);
      ws.cork(() => {
        for (let i = 1; i < list.length; i++) write(c, list[i]!);
      });
    });
  }

  function write(conn: Conn, frame: string) {
    if (!conn.open || !conn.ws) return;
    stats.framesOut++;
    if (conn.ws.send(frame, false) === SEND_DROPPED) dropSlowConsumer(conn);
  }

  /**
   * uWS runs the close handler synchronously inside end(), and end() on a socket over its
   * backpressure limit can re-enter `dropped`, hence the `ending` flag.
   */
  function end(conn: Conn, code: number, reason: string) {
    if (!conn.open || !conn.ws || conn.ending) return;
    conn.ending = true;
    // What was sent before the close (e.g. the error that explains it) goes out first.
    const list = queued.get(conn);
    if (list) {
      queued.delete(conn);
      writeAll(conn, list);
    }
    conn.ws?.end(code, reason);
  }

  function dropSlowConsumer(conn: Conn) {
    if (!conn.open || conn.ending || conn.dropping) return;
    conn.dropping = true;
    stats.slowConsumersDropped++;
    // Deferred: closing inside `dropped` (which uWS may call from within a send) or in the middle of
    // a fan-out loop is unsafe.
    queueMicrotask(() => end(conn, CloseCodes.slowConsumer, 'slow consumer'));
  }

  function send(conn: Conn, frame: string) {
    if (!conn.open || !conn.ws || conn.ending) return;
    const list = queued.get(conn);
    if (list) list.push(frame);
    else queued.set(conn, [frame]);
    if (!flushQueued) {
      flushQueued = true;
      process.nextTick(flush);
    }
  }

  return { send, end, dropSlowConsumer };
}
