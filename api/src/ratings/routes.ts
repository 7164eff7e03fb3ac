import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { pgCode, PgCodes } from '@telehealth/platform/db/index';
import { conflict, notFound } from '../http/errors.ts';
import { offsetOf, PageQuery, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import { AdminRating, averageStars, Rating, RateVisit, RatingSummary } from './schemas.ts';

const IdParams = z.object({ id: z.uuid() });

interface RatingRow {
  appointment_id: string;
  stars: number;
  comment: string;
  created_at: Date;
}
const toRating = (r: RatingRow) => ({
  appointmentId: r.appointment_id,
  stars: r.stars,
  comment: r.comment,
  createdAt: r.created_at.toISOString(),
});

/**
 * Visit ratings (issue 15): the patient of a completed visit rates it once; the patient, that
 * visit's doctor and admins read it; admins list them all; anyone reads a verified doctor's average.
 */
export function registerRatingRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['ratings'];

  route({
    method: 'post',
    path: '/appointments/:id/rating',
    summary: 'Patient: rate a completed visit (1–5 stars and a comment), once',
    tags,
    access: ['patient'],
    params: IdParams,
    body: RateVisit,
    response: Rating,
    status: 201,
    handler: async ({ user, params, body }) =>
      db.tx(async (q) => {
        const a = (
          await q.query<{ patient_id: string; doctor_id: string; status: string }>(
            'SELECT patient_id, doctor_id, status FROM appointments WHERE id = $1 FOR SHARE',
            [params.id],
          )
        ).rows[0];
        if (!a || a.patient_id !== user.id) throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment');
        if (a.status !== 'completed')
          throw conflict('VISIT_NOT_COMPLETED', 'Only a completed visit can be rated');
        try {
          const { rows } = await q.query<RatingRow>(
            `INSERT INTO appointment_ratings (appointment_id, patient_id, doctor_id, stars, comment)
             VALUES ($1, $2, $3, $4, $5) RETURNING *`,
            [params.id, user.id, a.doctor_id, body.stars, body.comment.trim()],
          );
          return toRating(rows[0]!);
        } catch (err) {
          if (pgCode(err) === PgCodes.uniqueViolation)
            throw conflict('ALREADY_RATED', 'You have already rated this visit');
          throw err;
        }
      }),
  });

  route({
    method: 'get',
    path: '/appointments/:id/rating',
    summary: "A visit's rating: its patient, its doctor and admins (404 when not rated)",
    tags,
    access: 'authenticated',
    params: IdParams,
    response: Rating,
    handler: async ({ user, params }) => {
      const { rows } = await db.query<RatingRow & { patient_id: string; doctor_id: string }>(
        'SELECT * FROM appointment_ratings WHERE appointment_id = $1',
        [params.id],
      );
      const r = rows[0];
      if (!r || (user.role !== 'admin' && user.id !== r.patient_id && user.id !== r.doctor_id))
        throw notFound('RATING_NOT_FOUND', 'This visit has no rating');
      return toRating(r);
    },
  });

  route({
    method: 'get',
    path: '/doctors/:id/rating',
    summary: "A verified doctor's average rating and how many patients rated",
    tags,
    access: 'public',
    params: IdParams,
    response: RatingSummary,
    handler: async ({ params }) => {
      const { rows } = await db.query<{ sum: number | null; n: number; verified: boolean }>(
        `SELECT (SELECT sum(stars)::int FROM appointment_ratings WHERE doctor_id = d.user_id) AS sum,
                (SELECT count(*)::int FROM appointment_ratings WHERE doctor_id = d.user_id) AS n,
                d.verified_at IS NOT NULL AS verified
           FROM doctor_profiles d WHERE d.user_id = $1`,
        [params.id],
      );
      const r = rows[0];
      if (!r?.verified) throw notFound('DOCTOR_NOT_FOUND', 'No such doctor');
      return { doctorId: params.id, average: averageStars(r.sum ?? 0, r.n), count: r.n };
    },
  });

  route({
    method: 'get',
    path: '/admin/ratings',
    summary: 'Admin: visit ratings with their comments, newest first',
    tags: [...tags, 'admin'],
    access: ['admin'],
    query: PageQuery.extend({ doctorId: z.uuid().optional() }),
    response: paged(AdminRating),
    handler: async ({ query }) => {
      const w = 'WHERE ($1::uuid IS NULL OR r.doctor_id = $1)';
      const total = (
        await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appointment_ratings r ${w}`, [
          query.doctorId ?? null,
        ])
      ).rows[0]!.n;
      const { rows } = await db.query<
        RatingRow & { doctor_id: string; doctor_name: string; patient_name: string }
      >(
        `SELECT r.*, du.name AS doctor_name, pu.name AS patient_name FROM appointment_ratings r
           JOIN users du ON du.id = r.doctor_id JOIN users pu ON pu.id = r.patient_id ${w}
          ORDER BY r.created_at DESC LIMIT $2 OFFSET $3`,
        [query.doctorId ?? null, query.pageSize, offsetOf(query)],
      );
      return {
        items: rows.map((r) => ({
          ...toRating(r),
          doctorId: r.doctor_id,
          doctorName: r.doctor_name,
          patientName: r.patient_name,
        })),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    },
  });
}
