import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { offsetOf, PageQuery, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import { requireVerifiedClinician } from './clinician.ts';
import { applyFeeFilter, FeeFilterFields, requireFeeCurrency } from './fee-filter.ts';
import { DOCTOR_SELECT, Doctor, DoctorProfileInput, toDoctor, type DoctorRow } from './schemas.ts';

export function registerDoctorRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['doctors'];

  route({
    method: 'get',
    path: '/doctors',
    summary: 'Verified doctors, filtered by specialty, language and fee',
    tags,
    access: 'public',
    query: PageQuery.extend({
      specialty: z.string().max(80).optional(),
      language: z.string().max(3).optional(),
      ...FeeFilterFields,
      q: z.string().max(80).optional(),
    }).superRefine(requireFeeCurrency),
    response: paged(Doctor),
    handler: async ({ query }) => {
      const where = [`d.verified_at IS NOT NULL`, `u.status = 'active'`];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      if (query.specialty) add('lower(d.specialty) = lower(?)', query.specialty);
      if (query.language) add('? = ANY(d.languages)', query.language);
      applyFeeFilter(query, add);
      if (query.q) add('(u.name ILIKE ? OR d.specialty ILIKE ?)', `%${query.q}%`);
      const w = `WHERE ${where.join(' AND ')}`;
      const total = (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM doctor_profiles d JOIN users u ON u.id = d.user_id ${w}`,
          params,
        )
      ).rows[0]!.n;
      const { rows } = await db.query<DoctorRow>(
        `${DOCTOR_SELECT} ${w} ORDER BY u.name LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, offsetOf(query)],
      );
      return { items: rows.map(toDoctor), page: query.page, pageSize: query.pageSize, total };
    },
  });

  route({
    method: 'get',
    path: '/specialties',
    summary: 'Specialties with at least one verified doctor',
    tags,
    access: 'public',
    response: z.array(z.object({ specialty: z.string(), doctors: z.number().int() })),
    handler: async () =>
      (
        await db.query<{ specialty: string; doctors: number }>(
          `SELECT specialty, count(*)::int AS doctors FROM doctor_profiles WHERE verified_at IS NOT NULL GROUP BY specialty ORDER BY specialty`,
        )
      ).rows,
  });

  route({
    method: 'get',
    path: '/fee-currencies',
    summary: 'Currencies verified doctors charge in, most doctors first (the fee filter names one)',
    tags,
    access: 'public',
    response: z.array(z.object({ currency: z.string(), doctors: z.number().int() })),
    handler: async () =>
      (
        await db.query<{ currency: string; doctors: number }>(
          `SELECT d.currency, count(*)::int AS doctors FROM doctor_profiles d JOIN users u ON u.id = d.user_id
           WHERE d.verified_at IS NOT NULL AND u.status = 'active' GROUP BY d.currency ORDER BY count(*) DESC, d.currency`,
        )
      ).rows.map((r) => ({ currency: r.currency.trim(), doctors: r.doctors })),
  });

  route({
    method: 'get',
    path: '/doctors/:id',
    summary: 'One verified doctor',
    tags,
    access: 'public',
    params: z.object({ id: z.uuid() }),
    response: Doctor,
    handler: async ({ params, user }) => {
      const { rows } = await db.query<DoctorRow>(`${DOCTOR_SELECT} WHERE d.user_id = $1`, [params.id]);
      const r = rows[0];
      // Unverified profiles are visible to their owner and admins only.
      if (!r || (!r.verified_at && user?.id !== r.user_id && user?.role !== 'admin'))
        throw notFound('DOCTOR_NOT_FOUND', 'No such doctor');
      return toDoctor(r);
    },
  });

  route({
    method: 'put',
    path: '/doctors/me/profile',
    summary: 'Create or update my doctor profile (going on call takes walk-ins: verified doctors only)',
    tags,
    access: ['doctor'],
    body: DoctorProfileInput,
    response: Doctor,
    handler: async ({ user, body }) => {
      if (body.onCall) await requireVerifiedClinician(db, user.id);
      await db.query(
        `INSERT INTO doctor_profiles (user_id, specialty, languages, fee_minor, currency, timezone, bio, slot_minutes, buffer_minutes, on_call)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (user_id) DO UPDATE SET specialty = EXCLUDED.specialty, languages = EXCLUDED.languages,
           fee_minor = EXCLUDED.fee_minor, currency = EXCLUDED.currency, timezone = EXCLUDED.timezone, bio = EXCLUDED.bio,
           slot_minutes = EXCLUDED.slot_minutes, buffer_minutes = EXCLUDED.buffer_minutes, on_call = EXCLUDED.on_call,
           updated_at = now()`,
        [
          user.id,
          body.specialty,
          body.languages,
          body.feeMinor,
          body.currency,
          body.timezone,
          body.bio,
          body.slotMinutes,
          body.bufferMinutes,
          body.onCall,
        ],
      );
      const { rows } = await db.query<DoctorRow>(`${DOCTOR_SELECT} WHERE d.user_id = $1`, [user.id]);
      return toDoctor(rows[0]!);
    },
  });
}
