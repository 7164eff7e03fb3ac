import type { AckMap } from '@telehealth/signaling/client';
import type { ChatMessage } from '@telehealth/signaling/protocol';

export type { ChatMessage };

/** One row of `chat.list`. */
export type Conversation = AckMap['chat.list']['conversations'][number];

/** A message in a thread; `pending` / `failed` exist only on this device until the server acks. */
export type ThreadMessage = ChatMessage & { state?: 'pending' | 'failed' };

/** Takes messages: not closed by the doctor, and inside its follow-up window if it has one. */
export const isOpen = (c: Conversation, now = Date.now()) =>
  c.closedAt === null && (c.openUntil === null || new Date(c.openUntil).getTime() > now);

export const otherParty = (c: Conversation, me: string) =>
  c.participants.find((p) => p.userId !== me) ?? { userId: '', role: '', name: '' };

/**
 * Merges messages into a thread ordered by seq: an acked copy replaces the local pending one with the
 * same clientMsgId, and a message already present (live event and ack racing) is kept once.
 */
export function mergeMessages(thread: ThreadMessage[], incoming: ThreadMessage[]): ThreadMessage[] {
  const out = [...thread];
  for (const m of incoming) {
    const i = out.findIndex(
      (x) => x.id === m.id || (x.senderId === m.senderId && x.clientMsgId === m.clientMsgId),
    );
    if (i === -1) out.push(m);
    else if (out[i]!.state || !m.state) out[i] = m;
  }
  // Pending messages (seq 0) stay last, in the order they were typed.
  const key = (m: ThreadMessage) => m.seq || Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => key(a) - key(b));
}

/** Delivery state of my message given the highest seq the other side has acknowledged. */
export function receiptOf(
  m: ThreadMessage,
  other: { read: number; delivered: number },
): 'pending' | 'failed' | 'sent' | 'delivered' | 'read' {
  if (m.state) return m.state;
  if (m.seq <= other.read) return 'read';
  if (m.seq <= other.delivered) return 'delivered';
  return 'sent';
}
