import { isoOrNull } from '@telehealth/platform/time';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import { isVerifiedClinician } from '../doctors/clinician.ts';
import { checkCallAccess, resolveRoom } from './access.ts';
import { registerGuestRoutes } from './guest-routes.ts';
import { Consultation } from './schemas.ts';

const RoomParams = z.object({ roomId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

interface Row {
  room_id: string;
  appointment_id: string | null;
  queue_entry_id: string | null;
  patient_id: string;
  patient_name: string;
  doctor_id: string;
  doctor_name: string;
  started_at: Date | null;
  ended_at: Date | null;
  duration_ms: number | null;
}

const SELECT = `SELECT c.*, p.name AS patient_name, d.name AS doctor_name FROM consultations c
  JOIN users p ON p.id = c.patient_id JOIN users d ON d.id = c.doctor_id`;

export function registerConsultationRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['consultations'];

  route({
    method: 'get',
    path: '/consultations',
    summary: 'My consultations, newest first',
    tags,
    access: ['patient', 'doctor'],
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    response: z.array(Consultation),
    handler: async ({ user, query }) => {
      const { rows } = await db.query<Row>(
        `${SELECT} WHERE c.${user.role === 'doctor' ? 'doctor_id' : 'patient_id'} = $1 ORDER BY COALESCE(c.started_at, c.created_at) DESC LIMIT $2`,
        [user.id, query.limit],
      );
      return rows.map((r) => ({
        roomId: r.room_id,
        kind: r.appointment_id === r.room_id ? ('appointment' as const) : ('queue' as const),
        appointmentId: r.appointment_id,
        patient: { id: r.patient_id, name: r.patient_name },
        doctor: { id: r.doctor_id, name: r.doctor_name },
        startsAt: null,
        endsAt: null,
        startedAt: isoOrNull(r.started_at),
        endedAt: isoOrNull(r.ended_at),
        durationMs: r.duration_ms,
        triageId: null,
      }));
    },
  });

  route({
    method: 'get',
    path: '/consultations/:roomId',
    summary: 'A consultation room: who is in it, its times, and for the doctor the triage to read',
    tags,
    access: 'authenticated',
    params: RoomParams,
    response: Consultation,
    handler: async ({ params, user }) => {
      const room = await resolveRoom(db, params.roomId);
      const access = room ? await checkCallAccess(db, params.roomId, user, ctx.now()) : undefined;
      const participant =
        room &&
        (user.id === room.patientId || user.id === room.doctorId || (access?.ok && access.role === 'guest'));
      if (!room || !participant) throw notFound('ROOM_NOT_FOUND', 'No such consultation');
      const people = await db.query<{ id: string; name: string }>(
        'SELECT id, name FROM users WHERE id = ANY($1)',
        [[room.patientId, room.doctorId]],
      );
      const name = (id: string) => people.rows.find((p) => p.id === id)?.name ?? '';
      const c = (await db.query<Row>(`${SELECT} WHERE c.room_id = $1`, [params.roomId])).rows[0];
      const triage =
        user.id === room.doctorId && (await isVerifiedClinician(db, user.id))
          ? (
              await db.query<{ id: string }>(
                `SELECT id FROM triage_assessments WHERE patient_id = $1 AND created_at > now() - interval '24 hours'
                 ORDER BY created_at DESC LIMIT 1`,
                [room.patientId],
              )
            ).rows[0]
          : undefined;
      return {
        roomId: room.roomId,
        kind: room.kind,
        appointmentId: room.appointmentId,
        patient: { id: room.patientId, name: name(room.patientId) },
        doctor: { id: room.doctorId, name: name(room.doctorId) },
        startsAt: isoOrNull(room.startsAt),
        endsAt: isoOrNull(room.endsAt),
        startedAt: isoOrNull(c?.started_at),
        endedAt: isoOrNull(c?.ended_at),
        durationMs: c?.duration_ms ?? null,
        triageId: triage?.id ?? null,
      };
    },
  });

  // Guests: invitations, the guest's own pass and status, admission (guest-routes.ts).
  registerGuestRoutes(route, ctx);
}
