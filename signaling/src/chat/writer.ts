import type { Queryable } from '@telehealth/api/db/types';
import { pgErrorCode, UNIQUE_VIOLATION } from '../errors.ts';
import { iso } from '../time.ts';
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
RETURNING conversation_id, seq, id, sender_id, client_msg_id, created_at`;

interface Pending {
  input: SendInput;
  resolve: (r: SendResult) => void;
  reject: (e: unknown) => void;
}

export interface ChatWriterOptions {
  /** Batches in flight at once (each holds one pool connection). */
  maxInFlight?: number;
  maxBatch?: number;
}

export function createChatWriter(db: Queryable, opts: ChatWriterOptions = {}) {
  const maxInFlight = opts.maxInFlight ?? 4;
  const maxBatch = opts.maxBatch ?? 256;
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  const key = (conversationId: string, senderId: string, clientMsgId: string) =>
    `${conversationId}\u0000${senderId}\u0000${clientMsgId}`;

  async function write(batch: Pending[]) {
    let rows: { conversation_id: string; seq: number; id: string; sender_id: string; client_msg_id: string; created_at: unknown }[] = [];
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
      // A concurrent batch stored one of these ids first: the statement rolled back as a whole.
      if (pgErrorCode(err) !== UNIQUE_VIOLATION) {
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
            createdAt: iso(r.created_at),
          },
        });
      } else {
        sendMessage(db, p.input).then(p.resolve, p.reject);
      }
    }
  }

  function pump() {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      inFlight++;
      write(batch).finally(() => {
        inFlight--;
        if (queue.length > 0 && !scheduled) pump();
      });
    }
  }

  return {
    send(input: SendInput): Promise<SendResult> {
      return new Promise<SendResult>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Gather everything parsed in this loop turn into one batch.
        if (!scheduled && inFlight < maxInFlight) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
  };
}
