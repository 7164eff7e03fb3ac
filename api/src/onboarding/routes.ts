import { z } from 'zod';
import { audit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import { pgCode, PgCodes, type Queryable } from '@telehealth/platform/db/index';
import { enqueueEmail } from '../email/outbox.ts';
import { conflict, notFound } from '../http/errors.ts';
import { offsetOf, PageQuery, paged } from '../http/pagination.ts';
import type { RouteBuilder } from '../http/route.ts';
import { identityText, safeText } from '../http/text.ts';
import { OnboardingItems, OnboardingStates, onboardingState, reviewAllowed } from './domain.ts';
import { doctorRejectedEmail, doctorVerifiedEmail } from './emails.ts';

const CredentialsInput = z
  .object({
    registrationNumber: identityText({ min: 2, max: 40 }),
    registrationCouncil: identityText({ min: 2, max: 120 }).meta({
      description:
        'The body that issued the registration, e.g. "National Medical Commission" or "General Medical Council"',
    }),
    qualifications: z
      .array(identityText({ min: 2, max: 120 }))
      .min(1)
      .max(10),
    experienceYears: z.number().int().min(0).max(70),
  })
  .meta({ id: 'DoctorCredentialsInput' });

const Credentials = CredentialsInput.extend({
  reviewStatus: z.enum(['pending', 'verified', 'rejected']),
  rejectionReason: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
}).meta({ id: 'DoctorCredentials' });

const Onboarding = z
  .object({
    doctorId: z.uuid(),
    state: z.enum(OnboardingStates),
    missing: z.array(z.enum(OnboardingItems)),
    credentials: Credentials.nullable(),
  })
  .meta({ id: 'DoctorOnboarding' });

const Application = Onboarding.extend({
  name: z.string(),
  email: z.string(),
  accountStatus: z.enum(['active', 'suspended']),
  createdAt: z.string(),
  profile: z
    .object({
      specialty: z.string(),
      languages: z.array(z.string()),
      feeMinor: z.number().int(),
      currency: z.string(),
      timezone: z.string(),
      photoUrl: z.string().nullable(),
      bio: z.string(),
    })
    .nullable(),
}).meta({ id: 'DoctorApplication' });

const Review = z
  .object({
    decision: z.enum(['verify', 'reject']),
    reason: safeText({ max: 500 }).optional().meta({
      description: 'Required to reject (at least 10 characters): e-mailed to the doctor and audited',
    }),
  })
  .refine((b) => b.decision === 'verify' || (b.reason?.trim().length ?? 0) >= 10, {
    path: ['reason'],
    message: 'A rejection needs a reason of at least 10 characters',
  })
  .meta({ id: 'DoctorReview' });

interface Row {
  id: string;
  name: string;
  email: string;
  locale: string;
  status: 'active' | 'suspended';
  created_at: Date;
  has_profile: boolean;
  verified: boolean;
  specialty: string | null;
  languages: string[] | null;
  fee_minor: number | null;
  currency: string | null;
  timezone: string | null;
  photo_url: string | null;
  bio: string | null;
  has_hours: boolean;
  registration_number: string | null;
  registration_council: string | null;
  qualifications: string[] | null;
  experience_years: number | null;
  review_status: 'pending' | 'verified' | 'rejected' | null;
  rejection_reason: string | null;
  submitted_at: Date | null;
  reviewed_at: Date | null;
}

const SELECT = `SELECT u.id, u.name, u.email, u.locale, u.status, u.created_at,
    dp.user_id IS NOT NULL AS has_profile, dp.verified_at IS NOT NULL AS verified,
    dp.specialty, dp.languages, dp.fee_minor, dp.currency, dp.timezone, dp.photo_url, dp.bio,
    EXISTS (SELECT 1 FROM availability_rules r WHERE r.doctor_id = u.id) AS has_hours,
    c.registration_number, c.registration_council, c.qualifications, c.experience_years,
    c.review_status, c.rejection_reason, c.submitted_at, c.reviewed_at
  FROM users u LEFT JOIN doctor_profiles dp ON dp.user_id = u.id LEFT JOIN doctor_credentials c ON c.doctor_id = u.id`;

function toOnboarding(r: Row) {
  const s = onboardingState({
    hasProfile: r.has_profile,
    hasCredentials: r.registration_number !== null,
    hasPhoto: r.photo_url !== null,
    hasHours: r.has_hours,
    verified: r.verified,
    reviewStatus: r.review_status,
  });
  return {
    doctorId: r.id,
    ...s,
    credentials:
      r.registration_number === null
        ? null
        : {
            registrationNumber: r.registration_number,
            registrationCouncil: r.registration_council!,
            qualifications: r.qualifications!,
            experienceYears: r.experience_years!,
            reviewStatus: r.review_status!,
            rejectionReason: r.rejection_reason,
            submittedAt: r.submitted_at!.toISOString(),
            reviewedAt: r.reviewed_at?.toISOString() ?? null,
          },
  };
}

const toApplication = (r: Row) => ({
  ...toOnboarding(r),
  name: r.name,
  email: r.email,
  accountStatus: r.status,
  createdAt: r.created_at.toISOString(),
  profile: r.has_profile
    ? {
        specialty: r.specialty!,
        languages: r.languages!,
        feeMinor: Number(r.fee_minor),
        currency: r.currency!.trim(),
        timezone: r.timezone!,
        photoUrl: r.photo_url,
        bio: r.bio ?? '',
      }
    : null,
});

async function loadDoctor(q: Queryable, id: string, lock = false): Promise<Row | undefined> {
  return (
    await q.query<Row>(`${SELECT} WHERE u.id = $1 AND u.role = 'doctor'${lock ? ' FOR UPDATE OF u' : ''}`, [
      id,
    ])
  ).rows[0];
}

/**
 * Doctor onboarding (issue 15): a doctor account gives its registration, qualifications and
 * experience besides the practice profile, photo and weekly hours, and sees what is still missing;
 * admins review the applications with the credentials in front of them and verify or reject with a
 * reason, which the doctor receives by e-mail. Every review is audited on its own transaction.
 * Unverified doctors stay out of search and cannot be booked (doctors and booking routes).
 */
export function registerOnboardingRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['doctors'];
  const link = (path: string) => `${ctx.config.publicUrl.replace(/\/$/, '')}${path}`;

  route({
    method: 'get',
    path: '/doctors/me/onboarding',
    summary:
      'Doctor: where my application stands (incomplete, pending verification, verified, rejected) and what is missing',
    tags,
    access: ['doctor'],
    response: Onboarding,
    handler: async ({ user }) => toOnboarding((await loadDoctor(db, user.id))!),
  });

  route({
    method: 'put',
    path: '/doctors/me/credentials',
    summary:
      'Doctor: my registration (number and issuing council), qualifications and years of experience. Resubmitting after a rejection asks for a new review; verified credentials are locked',
    tags,
    access: ['doctor'],
    body: CredentialsInput,
    response: Onboarding,
    handler: async ({ user, body }) =>
      db.tx(async (q) => {
        const me = (await loadDoctor(q, user.id, true))!;
        if (me.verified)
          throw conflict(
            'CREDENTIALS_LOCKED',
            'Verified credentials can only be changed by our team; contact support',
          );
        try {
          await q.query('SAVEPOINT credentials');
          await q.query(
            `INSERT INTO doctor_credentials (doctor_id, registration_number, registration_council, qualifications, experience_years)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (doctor_id) DO UPDATE SET registration_number = EXCLUDED.registration_number,
               registration_council = EXCLUDED.registration_council, qualifications = EXCLUDED.qualifications,
               experience_years = EXCLUDED.experience_years, review_status = 'pending', rejection_reason = NULL,
               reviewed_at = NULL, reviewed_by = NULL, submitted_at = now(), updated_at = now()`,
            [
              user.id,
              body.registrationNumber,
              body.registrationCouncil,
              body.qualifications,
              body.experienceYears,
            ],
          );
          await q.query('RELEASE SAVEPOINT credentials');
        } catch (err) {
          if (pgCode(err) !== PgCodes.uniqueViolation) throw err;
          await q.query('ROLLBACK TO SAVEPOINT credentials');
          throw conflict(
            'REGISTRATION_IN_USE',
            'Another account already gave this registration number for this council; contact support',
          );
        }
        return toOnboarding((await loadDoctor(q, user.id))!);
      }),
  });

  route({
    method: 'get',
    path: '/admin/doctor-applications',
    summary:
      'Admin: doctor accounts with their credentials and where their application stands (pending first)',
    tags: ['admin'],
    access: ['admin'],
    query: PageQuery.extend({ state: z.enum(OnboardingStates).optional() }),
    response: paged(Application),
    handler: async ({ query }) => {
      // Few enough to judge in memory: the state is derived (onboardingState), not a column.
      const { rows } = await db.query<Row>(
        `${SELECT} WHERE u.role = 'doctor' ORDER BY c.submitted_at NULLS LAST, u.created_at`,
      );
      const order = { pending_verification: 0, rejected: 1, incomplete: 2, verified: 3 } as const;
      const all = rows
        .map(toApplication)
        .filter((a) => !query.state || a.state === query.state)
        .sort((a, b) => order[a.state] - order[b.state]);
      const start = offsetOf(query);
      return {
        items: all.slice(start, start + query.pageSize),
        page: query.page,
        pageSize: query.pageSize,
        total: all.length,
      };
    },
  });

  route({
    method: 'post',
    path: '/admin/doctors/:id/review',
    summary:
      'Admin: verify a doctor application (patients can find and book them) or reject it with a reason; the doctor is e-mailed either way; audited',
    tags: ['admin'],
    access: ['admin'],
    params: z.object({ id: z.uuid() }),
    body: Review,
    response: Application,
    handler: async ({ user, params, body, req }) => {
      const out = await db.tx(async (q) => {
        const d = await loadDoctor(q, params.id, true);
        if (!d) throw notFound('DOCTOR_NOT_FOUND', 'No such doctor account');
        const allowed = reviewAllowed(body.decision, toOnboarding(d));
        if (!allowed.ok) throw conflict(allowed.code, allowed.message);
        const reason = body.reason?.trim() || null;
        if (body.decision === 'verify') {
          await q.query(
            `UPDATE doctor_profiles SET verified_at = now(), verified_by = $2, updated_at = now() WHERE user_id = $1`,
            [d.id, user.id],
          );
          await q.query(
            `UPDATE doctor_credentials SET review_status = 'verified', rejection_reason = NULL, reviewed_at = now(), reviewed_by = $2 WHERE doctor_id = $1`,
            [d.id, user.id],
          );
          await enqueueEmail(q, {
            to: d.email,
            message: doctorVerifiedEmail({ name: d.name, link: link('/doctor'), locale: d.locale }),
          });
        } else {
          // Without credentials there is nothing to mark; the e-mail still tells the doctor why.
          await q.query(
            `UPDATE doctor_credentials SET review_status = 'rejected', rejection_reason = $3, reviewed_at = now(), reviewed_by = $2 WHERE doctor_id = $1`,
            [d.id, user.id, reason],
          );
          await enqueueEmail(q, {
            to: d.email,
            message: doctorRejectedEmail({
              name: d.name,
              reason: reason!,
              link: link('/doctor/onboarding'),
              locale: d.locale,
            }),
          });
        }
        // Admin power is visible (issue 21): the decision and its entry commit together.
        await audit(q, {
          actorId: user.id,
          actorRole: user.role,
          action: body.decision === 'verify' ? 'admin.doctor.verify' : 'admin.doctor.reject',
          recordType: 'user',
          recordId: d.id,
          reason,
          ip: req.ip ?? null,
          details: { registrationCouncil: d.registration_council },
        });
        return toApplication((await loadDoctor(q, d.id))!);
      });
      // No socket to cut: verification is asked of the database at each clinical action.
      return out;
    },
  });
}
