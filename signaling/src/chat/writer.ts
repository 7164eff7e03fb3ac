import type { Queryable } from '@telehealth/api/db/types';
import { pgErrorCode, UNIQUE_VIOLATION } from '../errors.ts';
import { sendMessage, type SendInput, type SendResult } from './store.ts';

/**
 * Group commit for chat messages. Sends that arrive while earlier batches are in flight are written
 * together by ONE statement (one round trip, one commit) with the same guarantees as sendMessage():
 * membership and follow-up window checked, per-conversation sequence numbers without holes,
 * client-message-id dedupe. Anything the batch statement did not insert (a duplicate, a refusal, or
 * the whole batch after a unique-violation race) is resolved by the single-message path, which
 * explains why. Under light load every batch has one message, so nothing waits for a timer.
 */
const BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY
    AS i(conversation_id, sender_id, client_msg_id, body, attachments, ord)
), ok AS (
  SELECT i.* FROM input i
    JOIN conversations c ON c.id = i.conversation_id AND (c.open_until IS NULL OR c.open_until > now())
   WHERE EXISTS (SELECT 1 FROM conversation_participants p
                  WHERE p.conversation_id = i.conversation_id AND p.user_id = i.sender_id)
     AND NOT EXISTS (SELECT 1 FROM chat_messages m
                      WHERE m.conversation_id = i.conversation_id AND m.sender_id = i.sender_id
                        AND m.client_msg_id = i.client_msg_id)
     AND i.ord = (SELECT min(j.ord) FROM input j
                   WHERE j.conversation_id = i.conversation_id AND j.sender_id = i.sender_id
                     AND j.client_msg_id = i.client_msg_id)
), counts AS (
  SELECT conversation_id, count(*) AS n FROM ok GROUP BY conversation_id
), bumped AS (
  UPDATE conversations c SET last_seq = c.last_seq + counts.n
    FROM counts WHERE c.id = counts.conversation_id
  RETURNING c.id, c.last_seq - counts.n AS base
), numbered AS (
  SELECT ok.*, b.base + row_number() OVER (PARTITION BY ok.conversation_id ORDER BY ok.ord) AS seq
    FROM ok JOIN bumped b ON b.id = ok.conversation_id
)
INSERT INTO chat_messages (conversation_id, seq, sender_id, client_msg_id, body, attachments)
SELECT conversation_id, seq, sender_id, client_msg_id, body, attachments FROM numbered
RETURNING conversation_id, seq, id, sender_id, client_msg_id, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms`;

interface Pending {
  input: SendInput;
  resolve: (r: SendResult) => void;
  reject: (e: unknown) => void;
}

export interface ChatWriterOptions {
  /** Lanes, each with at most one batch in flight (each holds one pool connection). */
  maxInFlight?: number;
  maxBatch?: number;
}

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';

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
  const lanes = Array.from({ length: opts.maxInFlight ?? 4 }, () => ({
    queue: [] as Pending[],
    busy: false,
    scheduled: false,
  }));
  type Lane = (typeof lanes)[number];

  const key = (conversationId: string, senderId: string, clientMsgId: string) =>
    `${conversationId}\u0000${senderId}\u0000${clientMsgId}`;

  async function write(batch: Pending[]) {
    let rows: { conversation_id: string; seq: number; id: string; sender_id: string; client_msg_id: string; created_ms: number }[] = [];
    try {
      rows = (
        await db.query<(typeof rows)[number]>(BATCH_SQL, [
          batch.map((p) => p.input.conversationId),
          batch.map((p) => p.input.senderId),
          batch.map((p) => p.input.clientMsgId),
          batch.map((p) => p.input.text),
          batch.map((p) => JSON.stringify(p.input.attachments)),
        ])
      ).rows;
    } catch (err) {
      // The statement rolled back as a whole: a concurrent writer (another node) stored one of these
      // ids first, or locked the same conversations in the other order. The single-message path
      // below resolves every message on its own.
      const code = pgErrorCode(err);
      if (code !== UNIQUE_VIOLATION && code !== DEADLOCK && code !== SERIALIZATION) {
        for (const p of batch) p.reject(err);
        return;
      }
    }
    const stored = new Map(rows.map((r) => [key(r.conversation_id, r.sender_id, r.client_msg_id), r]));
    for (const p of batch) {
      const k = key(p.input.conversationId, p.input.senderId, p.input.clientMsgId);
      const r = stored.get(k);
      if (r) {
        stored.delete(k); // a second copy in the same batch is a duplicate, resolved below
        p.resolve({
          ok: true,
          duplicate: false,
          message: {
            conversationId: r.conversation_id,
            seq: Number(r.seq),
            id: r.id,
            senderId: r.sender_id,
            clientMsgId: r.client_msg_id,
            text: p.input.text,
            attachments: p.input.attachments,
            createdAt: new Date(Number(r.created_ms)).toISOString(),
          },
        });
      } else {
        sendMessage(db, p.input).then(p.resolve, p.reject);
      }
    }
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
    send(input: SendInput): Promise<SendResult> {
      return new Promise<SendResult>((resolve, reject) => {
        const lane = lanes[hash(input.conversationId) % lanes.length]!;
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
