import type { Queryable } from '@telehealth/platform/db/types';
import { isRetryable, PgCodes, pgCode } from '@telehealth/platform/db/errors';
import { chatMessageJson, type ChatMessage, type EncodedChatFields } from '../protocol.ts';
import { sendMessage, type SendInput, type SendResult } from './store.ts';

/** sendMessage()'s result, with the stored message serialised once (it is fanned out as is). */
export type WriteResult =
  { ok: true; message: ChatMessage; json: string; duplicate: boolean } | Extract<SendResult, { ok: false }>;

const withJson = (r: SendResult): WriteResult => (r.ok ? { ...r, json: JSON.stringify(r.message) } : r);

/**
 * Group commit for chat messages. Sends that arrive while earlier batches are in flight are written
 * together by ONE statement (one round trip, one commit) with the same guarantees as sendMessage():
 * membership and follow-up window checked, per-conversation sequence numbers without holes,
 * client-message-id dedupe. Anything the batch statement did not insert (a duplicate, a refusal, or
 * the whole batch after a unique-violation race) is resolved by the single-message path, which
 * explains why. Under light load every batch has one message, so nothing waits for a timer.
 *
 * The statement is the SQL function chat_append_batch (migration 0023): its plan stays cached and
 * the batch travels as one jsonb parameter, which is most of what makes a batch cheap.
 */
interface Pending {
  input: SendInput;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

export interface ChatWriterOptions {
  /**
   * Lanes, each with at most one batch in flight (each holds one pool connection). Few lanes make
   * big batches: the cost of a batch is mostly per statement, not per message, and PostgreSQL
   * shares the machine's cores, so more statements in flight mostly add overhead.
   */
  maxInFlight?: number;
  maxBatch?: number;
}

/** One message of chat_append_batch's jsonb argument (the function's short keys). */
const batchItem = (e: EncodedChatFields) =>
  `{"c":${e.conversationId},"s":${e.senderId},"k":${e.clientMsgId},"b":${e.text},"a":${e.attachments}}`;

/** Cheap stable hash for lane selection. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function createChatWriter(db: Queryable, opts: ChatWriterOptions = {}) {
  const maxBatch = opts.maxBatch ?? 256;
  // A conversation always goes through the same lane, and a lane has one batch in flight, so this
  // node's batches never wait on each other's row locks (or deadlock over them).
  const lanes = Array.from({ length: opts.maxInFlight ?? 1 }, () => ({
    queue: [] as Pending[],
    busy: false,
    scheduled: false,
  }));
  type Lane = (typeof lanes)[number];

  async function write(batch: Pending[]) {
    // [ord, seq, id, created_ms] per inserted message, as ONE json value: parsing one JSON text is
    // far cheaper than the driver building a row object per message.
    let rows: [number, number, string, number][] = [];
    // Each string is escaped once: for the batch payload, then again inside the message's JSON.
    const enc = batch.map(({ input: m }): EncodedChatFields => ({
      conversationId: JSON.stringify(m.conversationId),
      senderId: JSON.stringify(m.senderId),
      clientMsgId: JSON.stringify(m.clientMsgId),
      text: JSON.stringify(m.text),
      attachments: JSON.stringify(m.attachments),
    }));
    try {
      const payload = `[${enc.map(batchItem).join(',')}]`;
      const r = await db.query<{ r: typeof rows | null }>(
        'SELECT json_agg(json_build_array(ord, seq, id, created_ms)) AS r FROM chat_append_batch($1::jsonb)',
        [payload],
      );
      rows = r.rows[0]?.r ?? [];
    } catch (err) {
      // The statement rolled back as a whole: a concurrent writer (another node) stored one of these
      // ids first, or locked the same conversations in the other order. The single-message path
      // below resolves every message on its own.
      if (pgCode(err) !== PgCodes.uniqueViolation && !isRetryable(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
    }
    const stored = new Map(rows.map((r) => [r[0], r]));
    batch.forEach((p, i) => {
      const r = stored.get(i + 1);
      if (!r) {
        // Not inserted: a duplicate (also a second copy in this batch), a refusal, or a rolled-back batch.
        sendMessage(db, p.input).then((x) => p.resolve(withJson(x)), p.reject);
        return;
      }
      const m = p.input;
      const [, seq, id, createdMs] = r;
      const createdAt = new Date(createdMs).toISOString();
      p.resolve({
        ok: true,
        duplicate: false,
        message: {
          conversationId: m.conversationId,
          seq,
          id,
          senderId: m.senderId,
          clientMsgId: m.clientMsgId,
          text: m.text,
          attachments: m.attachments,
          createdAt,
        },
        json: chatMessageJson(enc[i]!, seq, id, createdAt),
      });
    });
  }
  function pump(lane: Lane) {
    lane.scheduled = false;
    if (lane.busy || lane.queue.length === 0) return;
    const batch = lane.queue.length <= maxBatch ? lane.queue : lane.queue.slice(0, maxBatch);
    lane.queue = lane.queue.length <= maxBatch ? [] : lane.queue.slice(maxBatch);
    lane.busy = true;
    write(batch).finally(() => {
      lane.busy = false;
      pump(lane);
    });
  }

  return {
    send(input: SendInput): Promise<WriteResult> {
      return new Promise<WriteResult>((resolve, reject) => {
        const lane = lanes.length === 1 ? lanes[0]! : lanes[hash(input.conversationId) % lanes.length]!;
        lane.queue.push({ input, resolve, reject });
        // Gather everything parsed in this loop turn into one batch.
        if (!lane.busy && !lane.scheduled) {
          lane.scheduled = true;
          setImmediate(() => pump(lane));
        }
      });
    },
  };
}
