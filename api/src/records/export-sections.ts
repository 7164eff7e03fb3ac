import type { Queryable } from '@telehealth/platform/db/types';
import { iso, isoOrNull } from '@telehealth/platform/time';

/**
 * One part of "everything about me" (GET /me/export, issue 18): a JSON file in the zip beside
 * me.json (the records vault) and the decrypted files. A domain that stores personal data adds its
 * section to `exportSections()` below — one entry, its query in its own module if it is long — and
 * the export, its manifest and its test pick it up.
 */
export interface ExportSection {
  /** The zip entry: a `.json` file at the top level. */
  readonly file: string;
  /** What the section holds, for the manifest in me.json (English, for the reader of the zip). */
  readonly describe: string;
  collect(q: Queryable, userId: string): Promise<unknown>;
}

/** The sections of the export, in the order they are written. */
export function exportSections(): readonly ExportSection[] {
  return [profile, appointments, payments, chat, triage, summaries];
}

const profile: ExportSection = {
  file: 'profile.json',
  describe: 'Your account: name, e-mail, phone, time zone, language, role, sign-up date',
  async collect(q, userId) {
    const r = (
      await q.query<Record<string, unknown>>(
        `SELECT id, email, name, phone, role, status, timezone, locale, mfa_enabled, created_at FROM users WHERE id = $1`,
        [userId],
      )
    ).rows[0];
    return r ? { ...r, created_at: iso(r.created_at) } : null;
  },
};

const appointments: ExportSection = {
  file: 'appointments.json',
  describe: 'Appointments you booked (any status), with the doctor, times in UTC and the fee in minor units',
  async collect(q, userId) {
    const { rows } = await q.query<{
      id: string;
      doctor_id: string;
      doctor_name: string;
      starts_at: Date;
      ends_at: Date;
      status: string;
      price_minor: string;
      currency: string;
      cancelled_at: Date | null;
      cancelled_by_role: string | null;
      cancel_reason: string | null;
      created_at: Date;
    }>(
      `SELECT a.id, a.doctor_id, u.name AS doctor_name, a.starts_at, a.ends_at, a.status, a.price_minor, a.currency,
              a.cancelled_at, a.cancelled_by_role, a.cancel_reason, a.created_at
         FROM appointments a JOIN users u ON u.id = a.doctor_id
        WHERE a.patient_id = $1 ORDER BY a.starts_at`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      doctorId: r.doctor_id,
      doctorName: r.doctor_name,
      startsAt: iso(r.starts_at),
      endsAt: iso(r.ends_at),
      status: r.status,
      priceMinor: Number(r.price_minor),
      currency: r.currency,
      cancelledAt: isoOrNull(r.cancelled_at),
      cancelledBy: r.cancelled_by_role,
      cancelReason: r.cancel_reason,
      bookedAt: iso(r.created_at),
    }));
  },
};

const payments: ExportSection = {
  file: 'payments.json',
  describe: 'Payments and refunds (amounts in minor units), and your wallet balances',
  async collect(q, userId) {
    const pays = (
      await q.query<Record<string, unknown> & { id: string }>(
        `SELECT id, purpose, appointment_id, method, gateway, currency, amount_minor, wallet_minor, gateway_minor,
                status, refunded_minor, resolution, created_at, settled_at
           FROM payments WHERE patient_id = $1 ORDER BY created_at`,
        [userId],
      )
    ).rows;
    const refunds = (
      await q.query<Record<string, unknown> & { payment_id: string }>(
        `SELECT r.id, r.payment_id, r.amount_minor, r.wallet_minor, r.gateway_minor, r.status, r.reason, r.created_at
           FROM payment_refunds r JOIN payments p ON p.id = r.payment_id
          WHERE p.patient_id = $1 ORDER BY r.created_at`,
        [userId],
      )
    ).rows;
    const wallets = (
      await q.query<{ currency: string; balance_minor: string }>(
        `SELECT currency, balance_minor FROM ledger_accounts WHERE kind = 'wallet' AND owner_id = $1 ORDER BY currency`,
        [userId],
      )
    ).rows;
    const minor = (v: unknown) => Number(v);
    return {
      payments: pays.map((p) => ({
        id: p.id,
        purpose: p.purpose,
        appointmentId: p.appointment_id,
        method: p.method,
        gateway: p.gateway,
        currency: p.currency,
        amountMinor: minor(p.amount_minor),
        walletMinor: minor(p.wallet_minor),
        gatewayMinor: minor(p.gateway_minor),
        status: p.status,
        refundedMinor: minor(p.refunded_minor),
        resolution: p.resolution,
        createdAt: iso(p.created_at),
        settledAt: isoOrNull(p.settled_at),
        refunds: refunds
          .filter((r) => r.payment_id === p.id)
          .map((r) => ({
            id: r.id,
            amountMinor: minor(r.amount_minor),
            walletMinor: minor(r.wallet_minor),
            gatewayMinor: minor(r.gateway_minor),
            status: r.status,
            reason: r.reason,
            createdAt: iso(r.created_at),
          })),
      })),
      wallets: wallets.map((w) => ({ currency: w.currency, balanceMinor: minor(w.balance_minor) })),
    };
  },
};

const chat: ExportSection = {
  file: 'chat.json',
  describe: 'Your conversations with doctors: every message in them (yours and theirs), oldest first',
  async collect(q, userId) {
    const convs = (
      await q.query<{ id: string; appointment_id: string | null; created_at: Date }>(
        `SELECT c.id, c.appointment_id, c.created_at FROM conversations c
           JOIN conversation_participants p ON p.conversation_id = c.id AND p.user_id = $1
          ORDER BY c.created_at`,
        [userId],
      )
    ).rows;
    if (!convs.length) return [];
    const ids = convs.map((c) => c.id);
    const people = (
      await q.query<{ conversation_id: string; user_id: string; role: string; name: string }>(
        `SELECT p.conversation_id, p.user_id, p.role, u.name FROM conversation_participants p
           JOIN users u ON u.id = p.user_id WHERE p.conversation_id = ANY($1)`,
        [ids],
      )
    ).rows;
    const messages = (
      await q.query<{
        conversation_id: string;
        seq: string;
        sender_id: string;
        body: string;
        attachments: unknown;
        created_at: Date;
      }>(
        `SELECT conversation_id, seq, sender_id, body, attachments, created_at FROM chat_messages
          WHERE conversation_id = ANY($1) ORDER BY conversation_id, seq`,
        [ids],
      )
    ).rows;
    return convs.map((c) => {
      const members = people.filter((p) => p.conversation_id === c.id);
      return {
        id: c.id,
        appointmentId: c.appointment_id,
        startedAt: iso(c.created_at),
        participants: members.map((p) => ({ userId: p.user_id, role: p.role, name: p.name })),
        messages: messages
          .filter((m) => m.conversation_id === c.id)
          .map((m) => ({
            seq: Number(m.seq),
            from:
              m.sender_id === userId ? 'me' : (members.find((p) => p.user_id === m.sender_id)?.name ?? null),
            senderId: m.sender_id,
            body: m.body,
            attachments: m.attachments,
            sentAt: iso(m.created_at),
          })),
      };
    });
  },
};

const triage: ExportSection = {
  file: 'triage.json',
  describe: 'Your symptom checks: what you entered, the advisory result, and every override of its priority',
  async collect(q, userId) {
    const checks = (
      await q.query<{
        id: string;
        input: unknown;
        result: unknown;
        priority: string;
        source: string;
        created_at: Date;
      }>(
        `SELECT id, input, result, priority, source, created_at FROM triage_assessments
          WHERE patient_id = $1 ORDER BY created_at`,
        [userId],
      )
    ).rows;
    if (!checks.length) return [];
    const overrides = (
      await q.query<{
        assessment_id: string;
        to_priority: string;
        record: Record<string, unknown>;
        created_at: Date;
      }>(
        `SELECT assessment_id, to_priority, record, created_at FROM triage_overrides
          WHERE assessment_id = ANY($1) ORDER BY created_at`,
        [checks.map((c) => c.id)],
      )
    ).rows;
    return checks.map((c) => ({
      id: c.id,
      checkedAt: iso(c.created_at),
      input: c.input,
      result: c.result,
      priority: c.priority,
      source: c.source,
      overrides: overrides
        .filter((o) => o.assessment_id === c.id)
        .map((o) => ({
          to: o.to_priority,
          byRole: (o.record.by as { role?: string } | undefined)?.role ?? null,
          reason: typeof o.record.reason === 'string' ? o.record.reason : null,
          at: iso(o.created_at),
        })),
    }));
  },
};

const summaries: ExportSection = {
  file: 'summaries.json',
  describe: 'Advisory summaries of your reports, with their source (local rules or a model)',
  async collect(q, userId) {
    const { rows } = await q.query<{
      id: string;
      file_id: string;
      source: string;
      result: unknown;
      completed_at: Date;
    }>(
      `SELECT id, file_id, source, result, completed_at FROM record_summaries
        WHERE patient_id = $1 AND status = 'succeeded' ORDER BY completed_at`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      fileId: r.file_id,
      source: r.source,
      advisory: true,
      summary: r.result,
      completedAt: iso(r.completed_at),
    }));
  },
};
