/**
 * A doctor's proposals to a patient (issue 15): a new time for a booked visit ('reschedule') or a
 * follow-up after one ('follow_up'). The patient accepts in one click: accepting runs the ordinary
 * reschedule or booking on the same transaction, so every booking rule (offered slot, exclusion
 * constraints, payment hold) applies unchanged, and a refusal leaves the proposal open. The slot is
 * not held meanwhile: a slot taken since answers SLOT_TAKEN and the patient asks for another time.
 */
import type { AuthedUser } from '../http/auth-middleware.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { enqueueEmail } from '../email/outbox.ts';
import { conflict, notFound, unprocessable } from '../http/errors.ts';
import { followUpProposedEmail, formatWhen, rescheduleProposedEmail } from './emails.ts';
import { event, type AppointmentRow, type BookingService } from './service.ts';
import { effectiveStatus } from './states.ts';
import type { ProposalKind } from './schemas.ts';

export interface ProposalRow {
  id: string;
  kind: ProposalKind;
  appointment_id: string;
  doctor_id: string;
  patient_id: string;
  starts_at: Date;
  note: string;
  status: 'open' | 'accepted' | 'declined' | 'withdrawn';
  result_appointment_id: string | null;
  created_at: Date;
  decided_at: Date | null;
  doctor_name: string;
}

export const PROPOSAL_SELECT = `SELECT p.*, du.name AS doctor_name FROM appointment_proposals p JOIN users du ON du.id = p.doctor_id`;

export const toProposal = (r: ProposalRow) => ({
  id: r.id,
  kind: r.kind,
  appointmentId: r.appointment_id,
  doctorId: r.doctor_id,
  doctorName: r.doctor_name,
  patientId: r.patient_id,
  startsAt: r.starts_at.toISOString(),
  note: r.note,
  status: r.status,
  resultAppointmentId: r.result_appointment_id,
  createdAt: r.created_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});

/** Which visits a proposal of each kind may be made on (pure). */
export function proposalAllowed(
  kind: ProposalKind,
  a: Pick<AppointmentRow, 'status' | 'hold_lapsed' | 'starts_at'>,
  now: Date,
): { ok: true } | { ok: false; code: string; message: string } {
  const status = effectiveStatus(a);
  if (kind === 'reschedule') {
    if (status !== 'confirmed')
      return {
        ok: false,
        code: 'APPOINTMENT_NOT_ACTIVE',
        message: `A ${status} appointment cannot be moved`,
      };
    if (a.starts_at.getTime() <= now.getTime())
      return { ok: false, code: 'APPOINTMENT_STARTED', message: 'This appointment has already started' };
    return { ok: true };
  }
  // A follow-up is proposed from the visit notes: during the consultation or after it.
  if (status !== 'confirmed' && status !== 'completed')
    return { ok: false, code: 'APPOINTMENT_NOT_ACTIVE', message: `A ${status} appointment has no follow-up` };
  return { ok: true };
}

export function createProposals(
  booking: BookingService,
  deps: { now: () => Date; link: (id: string) => string },
) {
  const one = async (q: Queryable, id: string, lock = false) =>
    (await q.query<ProposalRow>(`${PROPOSAL_SELECT} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]))
      .rows[0];
  const missing = () => notFound('PROPOSAL_NOT_FOUND', 'No such proposal');

  /** The doctor proposes; an open proposal of the same kind on the visit is withdrawn by it. */
  async function propose(
    q: Queryable,
    actor: AuthedUser,
    appointmentId: string,
    input: { kind: ProposalKind; startsAt: Date; note: string },
  ): Promise<ProposalRow> {
    const a = await booking.fetchRow(q, appointmentId, true);
    if (!a || actor.role !== 'doctor' || a.doctor_id !== actor.id)
      throw notFound('APPOINTMENT_NOT_FOUND', 'No such appointment');
    const allowed = proposalAllowed(input.kind, a, deps.now());
    if (!allowed.ok) throw conflict(allowed.code, allowed.message);
    if (input.kind === 'reschedule' && input.startsAt.getTime() === a.starts_at.getTime())
      throw unprocessable('SAME_SLOT', 'The appointment is already at that time');
    await booking.validateSlot(q, await booking.loadBookableDoctor(q, a.doctor_id), input.startsAt);
    await q.query(
      `UPDATE appointment_proposals SET status = 'withdrawn', decided_at = now()
       WHERE appointment_id = $1 AND kind = $2 AND status = 'open'`,
      [a.id, input.kind],
    );
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO appointment_proposals (kind, appointment_id, doctor_id, patient_id, starts_at, note)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.kind, a.id, a.doctor_id, a.patient_id, input.startsAt, input.note],
    );
    const p = (await one(q, rows[0]!.id))!;
    await event(q, a.id, 'proposal_created', actor.id, { kind: input.kind, proposalId: p.id });
    const patient = (
      await q.query<{ email: string; name: string; timezone: string; locale: string }>(
        'SELECT email, name, timezone, locale FROM users WHERE id = $1',
        [a.patient_id],
      )
    ).rows[0]!;
    const common = {
      name: patient.name,
      withName: a.doctor_name,
      when: formatWhen(input.startsAt, patient.timezone, patient.locale),
      link: deps.link(a.id),
      locale: patient.locale,
    };
    await enqueueEmail(q, {
      to: patient.email,
      message:
        input.kind === 'reschedule'
          ? rescheduleProposedEmail({
              ...common,
              currentWhen: formatWhen(a.starts_at, patient.timezone, patient.locale),
            })
          : followUpProposedEmail(common),
    });
    return p;
  }

  /**
   * The patient accepts: a reschedule moves the visit, a follow-up books one (held for payment
   * like any booking, confirmed at once when free). Errors roll the whole thing back.
   */
  async function accept(
    q: Queryable,
    actor: AuthedUser,
    id: string,
  ): Promise<{ proposal: ProposalRow; appointment: AppointmentRow }> {
    const p = await one(q, id, true);
    if (!p || actor.role !== 'patient' || p.patient_id !== actor.id) throw missing();
    if (p.status !== 'open') throw conflict('PROPOSAL_CLOSED', `This proposal was ${p.status}`);
    const appointment =
      p.kind === 'reschedule'
        ? await booking.reschedule(q, actor, p.appointment_id, p.starts_at)
        : await booking.create(q, actor, {
            doctorId: p.doctor_id,
            startsAt: p.starts_at,
            reason: p.note,
            followUpOf: p.appointment_id,
          });
    await q.query(
      `UPDATE appointment_proposals SET status = 'accepted', decided_at = now(), result_appointment_id = $2 WHERE id = $1`,
      [p.id, p.kind === 'follow_up' ? appointment.id : null],
    );
    await event(q, p.appointment_id, 'proposal_accepted', actor.id, { kind: p.kind, proposalId: p.id });
    return { proposal: (await one(q, p.id))!, appointment };
  }

  async function decline(q: Queryable, actor: AuthedUser, id: string): Promise<ProposalRow> {
    const p = await one(q, id, true);
    if (!p || actor.role !== 'patient' || p.patient_id !== actor.id) throw missing();
    if (p.status !== 'open') throw conflict('PROPOSAL_CLOSED', `This proposal was ${p.status}`);
    await q.query(`UPDATE appointment_proposals SET status = 'declined', decided_at = now() WHERE id = $1`, [
      p.id,
    ]);
    await event(q, p.appointment_id, 'proposal_declined', actor.id, { kind: p.kind, proposalId: p.id });
    return (await one(q, p.id))!;
  }

  return { propose, accept, decline, one };
}
