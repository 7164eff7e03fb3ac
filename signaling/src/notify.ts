import type { Queryable } from '@telehealth/platform/db/types';
import type { Bus } from './bus.ts';
import { eventFrame, type Notification } from './protocol.ts';
import { iso, isoOrNull } from '@telehealth/platform/time';

export const NotificationKinds = [
  'booking.confirmed',
  'payment.received',
  'queue.called',
  'chat.message',
] as const;

export interface NotifyInput {
  /** One of NotificationKinds, or another module's own kind. */
  kind: string;
  title: string;
  body?: string;
  /** Ids and references only (e.g. { appointmentId }); never clinical content. */
  data?: Record<string, unknown>;
  /** While an unread notification with this key exists, it is updated instead of adding another. */
  dedupeKey?: string;
}

type Row = {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: unknown;
  read_at: unknown;
};
const toNotification = (r: Row): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  data: r.data ?? {},
  createdAt: iso(r.created_at),
  readAt: isoOrNull(r.read_at),
});

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
    [userId],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Persists an in-app notification and announces it on `user:<userId>` with the new unread count.
 * Other modules (booking, payments) call this; the row is the truth, the push is best effort.
 */
export async function notify(
  db: Queryable,
  bus: Pick<Bus, 'publish'>,
  userId: string,
  n: NotifyInput,
): Promise<Notification & { unreadCount: number }> {
  const r = await db.query<Row>(
    n.dedupeKey
      ? `INSERT INTO notifications (user_id, kind, title, body, data, dedupe_key) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (user_id, dedupe_key) WHERE read_at IS NULL AND dedupe_key IS NOT NULL
         DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, data = EXCLUDED.data, created_at = now()
         RETURNING id, kind, title, body, data, created_at, read_at`
      : `INSERT INTO notifications (user_id, kind, title, body, data) VALUES ($1, $2, $3, $4, $5::jsonb)
         RETURNING id, kind, title, body, data, created_at, read_at`,
    n.dedupeKey
      ? [userId, n.kind, n.title, n.body ?? '', JSON.stringify(n.data ?? {}), n.dedupeKey]
      : [userId, n.kind, n.title, n.body ?? '', JSON.stringify(n.data ?? {})],
  );
  const out = { ...toNotification(r.rows[0]!), unreadCount: await unreadCount(db, userId) };
  const topic = `user:${userId}`;
  await bus.publish(topic, eventFrame(topic, 'notification', out)).catch(() => {});
  return out;
}

export async function listNotifications(
  db: Queryable,
  userId: string,
  opts: { before?: string; limit: number },
) {
  const r = await db.query<Row>(
    `SELECT id, kind, title, body, data, created_at, read_at FROM notifications
      WHERE user_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2)
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    [userId, opts.before ?? null, opts.limit],
  );
  return { notifications: r.rows.map(toNotification), unreadCount: await unreadCount(db, userId) };
}

export async function markRead(db: Queryable, userId: string, opts: { ids?: string[]; all?: boolean }) {
  if (opts.all) {
    await db.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [
      userId,
    ]);
  } else if (opts.ids?.length) {
    await db.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [userId, opts.ids],
    );
  }
  return { unreadCount: await unreadCount(db, userId) };
}
