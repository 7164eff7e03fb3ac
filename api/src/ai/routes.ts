import {
  localiseScreen,
  recordOverride,
  SCREEN_CODES,
  SCREEN_LANGS,
  SCREEN_QUESTIONS,
  selectScreenQuestions,
  TriageInputSchema,
  type ScreenAnswers,
  type TriageResult,
} from '@telehealth/ai-worker';
import { z } from 'zod';
import { Priority, TriageAssessment } from './schemas.ts';
import { findUserById } from '../auth/users.ts';
import { doctorTreatsPatient } from '../care/relationship.ts';
import { emergencyNumberFor } from './emergency-number.ts';
import { breakGlassRequired } from '../records/access.ts';
import { adminClinicalRead } from '../records/break-glass.ts';
import type { AppContext } from '../context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';

type PatientOverride = z.infer<typeof TriageAssessment>['patientOverride'];

interface Row {
  id: string;
  patient_id: string;
  input: { screen?: ScreenAnswers };
  result: TriageResult;
  created_at: Date;
  current_priority: z.infer<typeof Priority>;
  patient_override: PatientOverride;
}

/** Overrides by the patient versus by a clinician, by the role recorded with each one. */
const BY_PATIENT = `o.record->'by'->>'role' = 'patient'`;
const SELECT = `SELECT a.id, a.patient_id, a.input, a.result, a.created_at,
  COALESCE((SELECT o.to_priority FROM triage_overrides o WHERE o.assessment_id = a.id AND NOT ${BY_PATIENT}
             ORDER BY o.created_at DESC LIMIT 1), a.priority) AS current_priority,
  (SELECT jsonb_build_object('priority', o.to_priority, 'reason', o.record->>'reason', 'at', o.record->>'at')
     FROM triage_overrides o WHERE o.assessment_id = a.id AND ${BY_PATIENT}
    ORDER BY o.created_at DESC LIMIT 1) AS patient_override
  FROM triage_assessments a`;

const toDto = (r: Row) => ({
  ...r.result,
  id: r.id,
  patientId: r.patient_id,
  currentPriority: r.current_priority,
  screen: (r.input.screen ?? []).map((a) => ({ ...a, label: SCREEN_QUESTIONS[a.code].label })),
  patientOverride: r.patient_override,
  createdAt: r.created_at.toISOString(),
});

const ScreenQuery = z
  .object({
    age: z.coerce.number().min(0).max(130),
    sex: z.enum(['female', 'male', 'other', 'unknown']).default('unknown'),
    pregnant: z.enum(['true', 'false']).optional(),
    /** Defaults to the user's saved language (the web app sends the one on screen). */
    lang: z.enum(SCREEN_LANGS).optional(),
  })
  .meta({ id: 'TriageScreenQuery' });

const TriageScreen = z
  .object({
    lang: z.enum(SCREEN_LANGS),
    /** The patient's country's emergency number when known; null: general guidance instead. */
    emergencyNumber: z.string().nullable(),
    questions: z.array(
      z.object({
        code: z.enum(SCREEN_CODES),
        group: z.string(),
        text: z.string(),
        action: z.string(),
        /** What to do now if the answer is "yes". */
        actionText: z.string(),
      }),
    ),
  })
  .meta({ id: 'TriageScreen' });

/**
 * Loads an assessment the user may see: its patient, a (verified) doctor treating them, or an admin
 * under their own break-glass for the patient — a triage result is clinical content (issue 21), so
 * the admin's read is audited and without a break-glass it is refused.
 */
export async function loadAssessment(ctx: AppContext, id: string, user: AuthedUser): Promise<Row> {
  const { rows } = await ctx.db.query<Row>(`${SELECT} WHERE a.id = $1`, [id]);
  const r = rows[0];
  if (!r) throw notFound('TRIAGE_NOT_FOUND', 'No such symptom check');
  if (user.role === 'admin') {
    const read = { patientId: r.patient_id, recordType: 'triage', recordId: r.id, action: 'triage.read' };
    const actor = { actorId: user.id, actorRole: user.role, ip: null };
    if (!(await ctx.db.tx((q) => adminClinicalRead(q, actor, read)))) throw breakGlassRequired();
    return r;
  }
  const allowed =
    (user.role === 'patient' && r.patient_id === user.id) ||
    (user.role === 'doctor' && (await doctorTreatsPatient(ctx.db, user.id, r.patient_id)));
  // Someone else's assessment looks exactly like a missing one.
  if (!allowed) throw notFound('TRIAGE_NOT_FOUND', 'No such symptom check');
  return r;
}

export function registerAiRoutes(route: RouteBuilder, ctx: AppContext) {
  const tags = ['ai'];

  route({
    method: 'post',
    path: '/triage',
    summary: 'AI symptom check (advisory). Emergencies say to call emergency services now.',
    tags,
    access: ['patient'],
    body: TriageInputSchema.meta({ id: 'TriageInput' }),
    response: TriageAssessment,
    status: 201,
    handler: async ({ body, user }) => {
      const me = await findUserById(ctx.db, user.id);
      const result = await ctx.ai.triage(body, {
        userId: user.id,
        knownPii: { name: me?.name, email: me?.email, ...(me?.phone ? { phone: me.phone } : {}) },
      });
      const { rows } = await ctx.db.query<{ id: string; created_at: Date }>(
        `INSERT INTO triage_assessments (patient_id, input, result, priority, source) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
        [user.id, JSON.stringify(body), JSON.stringify(result), result.priority, result.source],
      );
      return toDto({
        ...rows[0]!,
        patient_id: user.id,
        input: body,
        result,
        current_priority: result.priority,
        patient_override: null,
      });
    },
  });

  // Before /triage/:id, which would otherwise claim "screen" as an id.
  route({
    method: 'get',
    path: '/triage/screen',
    summary: 'The red-flag questions for this age, sex and pregnancy, in the request language',
    tags,
    access: 'authenticated',
    query: ScreenQuery,
    response: TriageScreen,
    handler: async ({ query, user }) => {
      const me = await findUserById(ctx.db, user.id);
      const lang = query.lang ?? (me?.locale === 'hi' ? 'hi' : 'en');
      const emergencyNumber = me ? emergencyNumberFor(me) : null;
      const questions = selectScreenQuestions({
        age: query.age,
        sex: query.sex,
        pregnant: query.pregnant === 'true',
      });
      return { lang, emergencyNumber, questions: localiseScreen(questions, lang, emergencyNumber) };
    },
  });

  route({
    method: 'get',
    path: '/triage/:id',
    summary: 'One symptom check',
    tags,
    access: 'authenticated',
    params: z.object({ id: z.uuid() }),
    response: TriageAssessment,
    handler: async ({ params, user }) => toDto(await loadAssessment(ctx, params.id, user)),
  });

  route({
    method: 'post',
    path: '/triage/:id/override',
    summary: 'Record a patient or doctor override of the advisory priority',
    tags,
    access: ['patient', 'doctor'],
    params: z.object({ id: z.uuid() }),
    body: z
      .object({ priority: Priority, reason: z.string().trim().min(3).max(1000) })
      .meta({ id: 'TriageOverrideInput' }),
    response: TriageAssessment,
    handler: async ({ params, body, user }) => {
      const a = await loadAssessment(ctx, params.id, user);
      if (user.role === 'patient' && a.patient_id !== user.id) throw forbidden();
      const record = recordOverride({
        triageId: a.id,
        result: a.result,
        by: { userId: user.id, role: user.role },
        to: { priority: body.priority },
        reason: body.reason,
        now: ctx.now(),
      });
      await ctx.db.query(
        `INSERT INTO triage_overrides (assessment_id, actor_id, to_priority, record) VALUES ($1, $2, $3, $4)`,
        [a.id, user.id, body.priority, JSON.stringify(record)],
      );
      return toDto(await loadAssessment(ctx, params.id, user));
    },
  });
}

/** Queue priority bands (1 = most urgent) for the advisory triage priority. */
const QUEUE_PRIORITY = { emergency: 1, urgent: 2, routine: 4 } as const;

/**
 * The patient's own recent symptom check as a queue priority and a one-line summary for the doctor.
 * Older than a day, or someone else's, counts as none. Who sets the order: the assessment (its
 * deterministic red flags and screen answers can only raise it) or a clinician's override; the
 * patient's own override is in the summary for the doctor to weigh, and never moves anyone up.
 * `emergency`: the priority in force says to call emergency services, and the socket refuses the
 * check-in (issue 14: a red-flag "yes" is not placed in the queue) naming the patient's emergency
 * number; a clinician's override below emergency lets them in, the patient's own does not.
 */
export async function triageForQueue(
  db: AppContext['db'],
  patientId: string,
  triageId: string,
): Promise<{
  priority: number;
  summary: string;
  emergency: boolean;
  emergencyNumber: string | null;
} | null> {
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE a.id = $1 AND a.patient_id = $2 AND a.created_at > now() - interval '24 hours'`,
    [triageId, patientId],
  );
  const r = rows[0];
  if (!r) return null;
  const flags = r.result.redFlags.map((f) => f.label);
  const own = r.patient_override;
  const summary = [
    `${r.current_priority.toUpperCase()} · ${r.result.suggestedSpecialty}`,
    // Shown to the doctor before the long tail is cut; it does not move the patient (see above).
    ...(own
      ? [`Patient's own view: ${own.priority.toUpperCase()}${own.reason ? ` ("${own.reason}")` : ''}`]
      : []),
    ...flags,
    ...r.result.reasons.filter((x) => !flags.includes(x)),
  ].join(' — ');
  const emergency = r.current_priority === 'emergency';
  const patient = emergency ? await findUserById(db, patientId) : undefined;
  return {
    priority: QUEUE_PRIORITY[r.current_priority],
    summary: summary.slice(0, 1000),
    emergency,
    emergencyNumber: patient ? emergencyNumberFor(patient) : null,
  };
}
