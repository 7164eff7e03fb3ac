import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { requireVerifiedClinician } from '../doctors/clinician.ts';
import { enqueueEmail } from '../email/outbox.ts';
import { AppError, conflict, forbidden, notFound, tooManyRequests } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { hashPassword } from '../auth/passwords.ts';
import { randomToken, sha256Hex } from '../security/crypto.ts';
import { resolveRoom, type RoomInfo } from './access.ts';
import { guestInviteEmail } from './emails.ts';
import {
  CallGuestList,
  CallInvite,
  GuestName,
  GuestPass,
  GuestSelf,
  guestState,
  inviteRefusal,
  mayInvite,
} from './guests.ts';

const INVITE_TTL_MIN = 120;
/** Invitations send e-mail to any address: a budget per inviter keeps the call screen from spamming. */
const INVITES_PER_HOUR = 30;
/** A guest pass outlives a long consultation; removal ends it at once anyway (calls.ts). */
const GUEST_PASS_TTL_S = 4 * 60 * 60;
const RoomParams = z.object({ roomId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const GuestParams = RoomParams.extend({ guestId: z.uuid() });

interface GuestRow {
  user_id: string;
  room_id: string;
  name: string;
  admitted_at: Date | null;
  declined_at: Date | null;
  removed_at: Date | null;
  created_at: Date;
}

const roleIn = (room: RoomInfo, user: AuthedUser) =>
  user.id === room.doctorId
    ? ('doctor' as const)
    : user.id === room.patientId
      ? ('patient' as const)
      : ('other' as const);

export function registerGuestRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['consultations'];

  /** The room, if the caller is its doctor or patient (everyone else: as if it did not exist). */
  const participantRoom = async (roomId: string, user: AuthedUser) => {
    const room = await resolveRoom(db, roomId);
    const role = room ? roleIn(room, user) : 'other';
    if (!room || role === 'other') throw notFound('ROOM_NOT_FOUND', 'No such consultation');
    if (role === 'doctor') await requireVerifiedClinician(db, user.id);
    return { room, role };
  };
  const doctorRoom = async (roomId: string, user: AuthedUser) => {
    const r = await participantRoom(roomId, user);
    if (r.role !== 'doctor') throw forbidden('DOCTOR_ONLY', 'Only the doctor can do this');
    return r.room;
  };
  const patientMayInvite = async (roomId: string) =>
    (
      await db.query<{ patient_may_invite: boolean }>(
        'SELECT patient_may_invite FROM consultations WHERE room_id = $1',
        [roomId],
      )
    ).rows[0]?.patient_may_invite ?? false;
  const nameOf = async (id: string) =>
    (await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id])).rows[0]?.name ?? '';

  route({
    method: 'post',
    path: '/consultations/:roomId/invites',
    summary:
      'Invite a guest (interpreter, carer): a single-use link, e-mailed when an address is given. The doctor, or the patient while the doctor allows it',
    tags,
    access: ['doctor', 'patient'],
    params: RoomParams,
    body: z.object({
      label: z.string().trim().max(80).default(''),
      email: z.email().max(254).toLowerCase().optional(),
    }),
    response: CallInvite,
    status: 201,
    handler: async ({ params, body, user }) => {
      const { room, role } = await participantRoom(params.roomId, user);
      if (role !== 'doctor' && !mayInvite(role, await patientMayInvite(room.roomId)))
        throw forbidden('GUEST_INVITES_OFF', 'The doctor has not allowed the patient to invite guests');
      const budget = await ctx.limiter.hit(`call-invite:${user.id}`, INVITES_PER_HOUR, 3_600_000);
      if (!budget.allowed) throw tooManyRequests(budget.retryAfterS);
      const token = randomToken();
      const expiresAt = new Date(ctx.now().getTime() + INVITE_TTL_MIN * 60_000);
      const url = `${ctx.config.publicUrl.replace(/\/$/, '')}/call/join?invite=${token}`;
      await db.tx(async (q) => {
        await q.query(
          `INSERT INTO call_invites (room_id, token_hash, created_by, label, expires_at, email)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [room.roomId, sha256Hex(token), user.id, body.label, expiresAt, body.email ?? null],
        );
        if (!body.email) return;
        // The recipient's language when they have an account here, else the patient's: a carer or
        // interpreter is most likely to read the patient's language.
        const { rows } = await q.query<{ locale: string; inviter: string; doctor: string }>(
          `SELECT COALESCE((SELECT locale FROM users WHERE email = $1), p.locale) AS locale,
                  (SELECT name FROM users WHERE id = $2) AS inviter, d.name AS doctor
             FROM users p, users d WHERE p.id = $3 AND d.id = $4`,
          [body.email, user.id, room.patientId, room.doctorId],
        );
        const r = rows[0]!;
        await enqueueEmail(q, {
          to: body.email,
          message: guestInviteEmail({
            locale: r.locale,
            inviterName: r.inviter,
            doctorName: r.doctor,
            link: url,
            ttlMinutes: INVITE_TTL_MIN,
          }),
        });
      });
      return { token, url, expiresAt: expiresAt.toISOString(), emailed: !!body.email };
    },
  });

  route({
    method: 'post',
    path: '/consultations/invites/redeem',
    summary:
      'Open an invitation link: no account needed. The link is used up, and the answer is a guest pass for this call, who then waits for the doctor to admit them',
    tags,
    access: 'public',
    body: z.object({ token: z.string().min(20).max(200), name: GuestName }),
    response: GuestPass,
    status: 201,
    handler: async ({ body }) => {
      // Hashed before the transaction: argon2 is slow and the row lock should not wait on it. The
      // password is random and never shown, so no one can sign in as the guest.
      const passwordHash = await hashPassword(randomToken());
      const pass = await db.tx(async (q) => {
        const hash = sha256Hex(body.token);
        // Single use rests on this UPDATE (and the unique invite_id of call_guests): two
        // concurrent redeems of one link cannot both take it.
        const { rows } = await q.query<{ id: string; room_id: string }>(
          `UPDATE call_invites SET used_at = now()
            WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING id, room_id`,
          [hash],
        );
        const inv = rows[0];
        if (!inv) {
          const seen = (
            await q.query<{ used_at: Date | null; expires_at: Date; now: Date }>(
              'SELECT used_at, expires_at, now() AS now FROM call_invites WHERE token_hash = $1',
              [hash],
            )
          ).rows[0];
          const why = inviteRefusal(seen, seen?.now ?? ctx.now());
          if (why === 'not_found') throw notFound('INVITE_NOT_FOUND', 'This invitation does not exist');
          if (why === 'used') throw conflict('INVITE_USED', 'This invitation was already used');
          throw new AppError(410, 'INVITE_EXPIRED', 'This invitation has expired');
        }
        const room = await resolveRoom(q, inv.room_id);
        if (!room) throw new AppError(410, 'INVITE_EXPIRED', 'This consultation no longer exists');
        const guestId = (
          await q.query<{ id: string }>(
            `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'guest', $3) RETURNING id`,
            [`guest-${randomToken(12).toLowerCase()}@guest.invalid`, body.name, passwordHash],
          )
        ).rows[0]!.id;
        await q.query('UPDATE call_invites SET used_by = $2 WHERE id = $1', [inv.id, guestId]);
        await q.query(`INSERT INTO call_guests (room_id, user_id, invite_id, name) VALUES ($1, $2, $3, $4)`, [
          inv.room_id,
          guestId,
          inv.id,
          body.name,
        ]);
        return { guestId, room };
      });
      const expiresAt = new Date(ctx.now().getTime() + GUEST_PASS_TTL_S * 1000);
      return {
        guestId: pass.guestId,
        roomId: pass.room.roomId,
        accessToken: await ctx.tokens.sign({ userId: pass.guestId, role: 'guest' }, GUEST_PASS_TTL_S),
        expiresAt: expiresAt.toISOString(),
        doctorName: await nameOf(pass.room.doctorId),
      };
    },
  });

  route({
    method: 'get',
    path: '/call-guests/me',
    summary: 'Guest: where I stand (waiting, admitted, declined, removed) in the call I was invited to',
    tags,
    access: ['guest'],
    response: GuestSelf,
    handler: async ({ user }) => {
      const g = (await db.query<GuestRow>('SELECT * FROM call_guests WHERE user_id = $1', [user.id])).rows[0];
      if (!g) throw notFound('GUEST_NOT_FOUND', 'No invitation for this guest');
      const room = await resolveRoom(db, g.room_id);
      return {
        roomId: g.room_id,
        name: g.name,
        state: guestState(g),
        doctorName: room ? await nameOf(room.doctorId) : '',
      };
    },
  });

  route({
    method: 'get',
    path: '/consultations/:roomId/guests',
    summary:
      "A consultation's guests (waiting, admitted, declined, removed) and whether the caller may invite",
    tags,
    access: ['doctor', 'patient'],
    params: RoomParams,
    response: CallGuestList,
    handler: async ({ params, user }) => {
      const { room, role } = await participantRoom(params.roomId, user);
      const allowed = await patientMayInvite(room.roomId);
      const { rows } = await db.query<GuestRow>(
        'SELECT * FROM call_guests WHERE room_id = $1 ORDER BY created_at',
        [room.roomId],
      );
      return {
        patientMayInvite: allowed,
        canInvite: mayInvite(role, allowed),
        guests: rows.map((g) => ({
          id: g.user_id,
          name: g.name,
          state: guestState(g),
          createdAt: g.created_at.toISOString(),
        })),
      };
    },
  });

  route({
    method: 'put',
    path: '/consultations/:roomId/guest-policy',
    summary: 'Doctor: whether the patient may invite guests to this consultation',
    tags,
    access: ['doctor'],
    params: RoomParams,
    body: z.object({ patientMayInvite: z.boolean() }),
    response: z.object({ patientMayInvite: z.boolean() }),
    handler: async ({ params, body, user }) => {
      const room = await doctorRoom(params.roomId, user);
      await db.query(
        `INSERT INTO consultations (room_id, appointment_id, queue_entry_id, patient_id, doctor_id, patient_may_invite)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (room_id) DO UPDATE SET patient_may_invite = EXCLUDED.patient_may_invite`,
        [
          room.roomId,
          room.appointmentId,
          room.queueEntryId,
          room.patientId,
          room.doctorId,
          body.patientMayInvite,
        ],
      );
      return { patientMayInvite: body.patientMayInvite };
    },
  });

  /** Admit or decline a waiting guest; anything but a waiting guest is a 409. */
  for (const [verb, column] of [
    ['admit', 'admitted_at'],
    ['decline', 'declined_at'],
  ] as const)
    route({
      method: 'post',
      path: `/consultations/:roomId/guests/:guestId/${verb}`,
      summary: `Doctor: ${verb} a guest who is waiting to join`,
      tags,
      access: ['doctor'],
      params: GuestParams,
      response: z.object({ state: z.enum(['admitted', 'declined']) }),
      handler: async ({ params, user }) => {
        const room = await doctorRoom(params.roomId, user);
        const { rowCount } = await db.query(
          `UPDATE call_guests SET ${column} = now()
            WHERE room_id = $1 AND user_id = $2 AND admitted_at IS NULL AND declined_at IS NULL AND removed_at IS NULL`,
          [room.roomId, params.guestId],
        );
        if (!rowCount) {
          const exists = await db.query('SELECT 1 FROM call_guests WHERE room_id = $1 AND user_id = $2', [
            room.roomId,
            params.guestId,
          ]);
          if (!exists.rowCount) throw notFound('GUEST_NOT_FOUND', 'No such guest in this consultation');
          throw conflict('GUEST_NOT_WAITING', 'This guest is not waiting any more');
        }
        return { state: verb === 'admit' ? ('admitted' as const) : ('declined' as const) };
      },
    });
}
