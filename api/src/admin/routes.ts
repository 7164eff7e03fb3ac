import { disconnectUser } from '@telehealth/signaling/access-control';
import { z } from 'zod';
import { audit } from '../audit/index.ts';
import { PublicUser } from '../auth/schemas.ts';
import { AccountRoles } from '@telehealth/platform/auth/tokens';
import { toPublicUser, type UserRow } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { offsetOf, PageQuery, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import { ACTIVE_EMERGENCY } from '../records/access.ts';
import { keepAnAdmin, lockActiveAdmins } from './last-admin.ts';
import { MailItem } from './schemas.ts';

/** Why the admin acts; recorded in the audit entry (optional: not every click needs prose). */
const AdminReason = z.string().trim().min(1).max(500).optional();

/**
 * Admin tools. Admin power is visible (issue 21): every change here, and every read of the dev
 * mailbox, writes a hash-chained audit entry (actor, action, target, reason) on the change's own
 * transaction, so the change and its entry commit together.
 */
export function registerAdminRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['admin'];
  const admin = ['admin'] as const;
  const actorOf = (user: { id: string; role: string }, req: { ip?: string | undefined }) => ({
    actorId: user.id,
    actorRole: user.role,
    ip: req.ip ?? null,
  });

  route({
    method: 'get',
    path: '/admin/users',
    summary: 'Search users',
    tags,
    access: admin,
    query: PageQuery.extend({
      role: z.enum(AccountRoles).optional(),
      status: z.enum(['active', 'suspended']).optional(),
      q: z.string().max(120).optional(),
    }),
    response: paged(PublicUser),
    handler: async ({ query }) => {
      const params = [query.role ?? null, query.status ?? null, query.q ? `%${query.q}%` : null];
      // Call guests are not accounts: a name for one call, never signed in (consultations/guests.ts).
      const w = `WHERE role <> 'guest' AND ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR status = $2)
                 AND ($3::text IS NULL OR email ILIKE $3 OR name ILIKE $3)`;
      const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users ${w}`, params))
        .rows[0]!.n;
      const { rows } = await db.query<UserRow>(
        `SELECT * FROM users ${w} ORDER BY created_at DESC LIMIT $4 OFFSET $5`,
        [...params, query.pageSize, offsetOf(query)],
      );
      return { items: rows.map(toPublicUser), page: query.page, pageSize: query.pageSize, total };
    },
  });

  route({
    method: 'patch',
    path: '/admin/users/:id',
    summary: 'Suspend, reactivate or change the role of a user',
    tags,
    access: admin,
    params: z.object({ id: z.uuid() }),
    body: z.object({
      status: z.enum(['active', 'suspended']).optional(),
      role: z.enum(AccountRoles).optional(),
      reason: AdminReason,
    }),
    response: PublicUser,
    handler: async ({ params, body, user, req }) => {
      if (params.id === user.id)
        throw badRequest('CANNOT_CHANGE_SELF', 'Admins cannot suspend or demote themselves');
      const updated = await db.tx(async (q) => {
        // A change that may demote or suspend an admin locks the admin rows first (last-admin.ts).
        const admins =
          body.role !== undefined || body.status === 'suspended' ? await lockActiveAdmins(q) : [];
        const before = (
          await q.query<{ status: string; role: string }>(
            "SELECT status, role FROM users WHERE id = $1 AND role <> 'guest' FOR UPDATE",
            [params.id],
          )
        ).rows[0];
        if (!before) throw notFound('USER_NOT_FOUND', 'No such user');
        const roleChanges = body.role !== undefined && body.role !== before.role;
        // A role changes what someone may do: the audit entry says why (issue 18).
        if (roleChanges && !body.reason)
          throw badRequest('REASON_REQUIRED', 'Say why the role changes', [
            { path: 'body.reason', message: 'Required when the role changes' },
          ]);
        if (before.role === 'admin' && (roleChanges || body.status === 'suspended'))
          keepAnAdmin(admins, params.id, user.id);
        const { rows } = await q.query<UserRow>(
          `UPDATE users SET status = COALESCE($2, status), role = COALESCE($3, role), updated_at = now() WHERE id = $1 RETURNING *`,
          [params.id, body.status ?? null, body.role ?? null],
        );
        if (!rows[0]) throw notFound('USER_NOT_FOUND', 'No such user');
        const target = { recordType: 'user', recordId: params.id, reason: body.reason ?? null };
        if (body.status && body.status !== before.status)
          await audit(q, {
            ...actorOf(user, req),
            ...target,
            action: body.status === 'suspended' ? 'admin.user.suspend' : 'admin.user.activate',
            details: { from: before.status, to: body.status },
          });
        if (body.role && body.role !== before.role)
          await audit(q, {
            ...actorOf(user, req),
            ...target,
            action: 'admin.user.role_change',
            details: { from: before.role, to: body.role },
          });
        // Sessions end with the suspension or role change; the new role needs a new token.
        if (body.status === 'suspended' || body.role)
          await q.query(
            'UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL',
            [params.id],
          );
        return toPublicUser(rows[0]);
      });
      // After commit: open sockets on every signaling node close (4001); their reconnect re-reads the
      // account and is refused. A lost announcement leaves them until the access token expires.
      if (body.status === 'suspended' || body.role)
        await disconnectUser(
          ctx.bus,
          params.id,
          body.status === 'suspended' ? 'suspended' : 'role_changed',
          ctx.log,
        );
      return updated;
    },
  });

  route({
    method: 'post',
    path: '/admin/doctors/:id/verify',
    summary:
      'Verify a doctor (patients can find and book them; clinical powers open) or withdraw it (off call, running emergency accesses end, sockets reconnect)',
    tags,
    access: admin,
    params: z.object({ id: z.uuid() }),
    body: z.object({ verified: z.boolean().default(true), reason: AdminReason }),
    handler: async ({ params, body, user, req }) => {
      await db.tx(async (q) => {
        const r = await q.query(
          `UPDATE doctor_profiles SET verified_at = CASE WHEN $2 THEN now() END, verified_by = CASE WHEN $2 THEN $3::uuid END,
             on_call = on_call AND $2, updated_at = now()
           WHERE user_id = $1`,
          [params.id, body.verified, user.id],
        );
        if (r.rowCount === 0) throw notFound('DOCTOR_NOT_FOUND', 'This user has no doctor profile');
        // Withdrawn verification ends the doctor's running break-glass accesses at once.
        const stopped = body.verified
          ? 0
          : (
              await q.query(
                `UPDATE emergency_access SET ended_at = now() WHERE doctor_id = $1 AND ${ACTIVE_EMERGENCY}`,
                [params.id],
              )
            ).rowCount;
        await audit(q, {
          ...actorOf(user, req),
          action: body.verified ? 'admin.doctor.verify' : 'admin.doctor.unverify',
          recordType: 'user',
          recordId: params.id,
          reason: body.reason ?? null,
          details: body.verified ? {} : { emergencyAccessEnded: stopped },
        });
      });
      // Open sockets reconnect and re-subscribe under the new rule (the queue view needs verification).
      if (!body.verified) await disconnectUser(ctx.bus, params.id, 'role_changed', ctx.log);
    },
  });

  route({
    method: 'get',
    path: '/admin/mailbox',
    summary: 'Dev mailbox: emails delivered without an email provider',
    tags,
    access: admin,
    query: z.object({
      to: z.string().max(254).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.array(MailItem),
    handler: async ({ query, user, req }) => {
      const { rows } = await db.query<{
        id: string;
        to_address: string;
        subject: string;
        text_body: string;
        html: string;
        attachments: never[];
        created_at: Date;
      }>(
        `SELECT * FROM dev_mailbox WHERE ($1::text IS NULL OR to_address = lower($1)) ORDER BY created_at DESC LIMIT $2`,
        [query.to ?? null, query.limit],
      );
      // The dev mailbox holds other people's mail (sign-in codes, reset links): reading it is visible.
      await audit(db, {
        ...actorOf(user, req),
        action: 'admin.mailbox.read',
        details: { filtered: query.to !== undefined, items: rows.length },
      });
      return rows.map((r) => ({
        id: r.id,
        to: r.to_address,
        subject: r.subject,
        text: r.text_body,
        html: r.html,
        attachments: r.attachments,
        createdAt: r.created_at.toISOString(),
      }));
    },
  });
}
