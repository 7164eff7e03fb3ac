import type { Queryable } from '@telehealth/platform/db/types';
import { SignalingError } from '../errors.ts';
import { notify } from '../notify.ts';
import { eventFrame, Requests } from '../protocol.ts';
import type { Core } from '../server.ts';
import type { HandlerContext, SignalingDeps } from '../types.ts';
import {
  accept,
  callNext,
  checkIn,
  dueNoShows,
  endVisit,
  isVerifiedClinician,
  leave,
  noShow,
  readSnapshot,
  setPriority,
  skip,
  type PriorityChange,
  type QueueChange,
} from './store.ts';

/** Default "called" email: a row in the transactional outbox the API's dispatcher sends. No PHI. */
async function outboxQueueCalledEmail(
  db: Queryable,
  p: { patientId: string; entryId: string; attempt: number },
): Promise<void> {
  const text = 'Your doctor is ready for you. Open Telehealth Hub to join the video consultation.';
  await db.query(
    `INSERT INTO outbox_emails (to_address, template, subject, html, text_body, dedupe_key)
     SELECT email, 'queue.called', $2, $3, $4, $5 FROM users WHERE id = $1
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [p.patientId, 'It is your turn', `<p>${text}</p>`, text, `queue-called:${p.entryId}:${p.attempt}`],
  );
}

/**
 * Why a check-in with an emergency symptom check is refused: the waiting room is not where an
 * emergency waits (issue 14). No PHI: the patient's own check, said back to them.
 */
export const emergencyCheckInMessage = (emergencyNumber?: string | null) =>
  `This symptom check says to get emergency help now: call ${
    emergencyNumber ?? 'your local emergency number (such as 112, 999 or 911)'
  } or go to the nearest emergency department. You have not been placed in the queue; ` +
  'a doctor who reviews the check and changes its priority can see you here.';

export function registerQueueHandlers(core: Core, deps: SignalingDeps) {
  const { server, log } = core;
  const { db, bus } = deps;

  /**
   * After commit: the doctor's dashboard gets the full snapshot on queue:<doctor>; every waiting
   * patient gets their own position/ETA on user:<patient> (never other patients' data), all with
   * the same version so clients can drop stale updates.
   */
  async function announce(change: QueueChange | null) {
    if (!change) return;
    const s = change.snapshot;
    const pubs: Promise<void>[] = [];
    const position = (
      entryId: string,
      patientId: string,
      status: string,
      pos: number | null,
      eta: number | null,
    ) => {
      const t = `user:${patientId}`;
      pubs.push(
        bus.publish(
          t,
          eventFrame(t, 'queue.position', {
            doctorId: s.doctorId,
            entryId,
            version: s.version,
            status,
            position: pos,
            etaSeconds: eta,
          }),
        ),
      );
    };
    for (const e of s.entries) position(e.entryId, e.patientId, e.status, e.position, e.etaSeconds);
    for (const f of change.finished) position(f.entryId, f.patientId, f.status, null, null);
    if (change.called) {
      const c = change.called;
      const t = `user:${c.patientId}`;
      pubs.push(
        bus.publish(
          t,
          eventFrame(t, 'queue.called', { doctorId: s.doctorId, entryId: c.entryId, roomId: c.roomId }),
        ),
      );
    }
    // The dashboard snapshot is the big frame; the waiting patients go first.
    const qt = `queue:${s.doctorId}`;
    pubs.push(bus.publish(qt, eventFrame(qt, 'queue.snapshot', s)));
    // Whoever was in the entry's call room loses it (visit ended, no-show, skipped, left).
    for (const room of change.endedRooms ?? []) pubs.push(server.revalidate(`call:${room}`));
    const results = await Promise.allSettled(pubs);
    if (results.some((r) => r.status === 'rejected'))
      log.warn({ doctorId: s.doctorId }, 'queue announce partly failed');
    if (change.called) await onCalled(s.doctorId, change.called);
  }

  async function onCalled(doctorId: string, c: NonNullable<QueueChange['called']>) {
    await notify(db, bus, c.patientId, {
      kind: 'queue.called',
      title: 'It is your turn',
      body: 'Your doctor is ready. Join the video call now.',
      data: { doctorId, entryId: c.entryId, roomId: c.roomId },
    });
    const presence = await core.presenceOf([c.patientId]);
    if (presence[c.patientId] === 'offline') {
      const p = { patientId: c.patientId, doctorId, entryId: c.entryId, attempt: c.noShowCount };
      await (deps.sendQueueCalledEmail ? deps.sendQueueCalledEmail(p) : outboxQueueCalledEmail(db, p));
    }
  }

  /**
   * The doctor's own queue actions (call next, skip, priority, no-show, end) and the named snapshot
   * are clinical powers: a verified clinician only (issue 21), checked in the database each time.
   */
  const doctorOnly = async (ctx: HandlerContext) => {
    if (ctx.principal.role !== 'doctor') throw new SignalingError('forbidden', 'doctors only');
    if (!(await isVerifiedClinician(db, ctx.principal.userId)))
      throw new SignalingError('doctor_not_verified', 'an administrator has not verified this doctor');
    return ctx.principal.userId;
  };

  server.registerHandler('queue.checkIn', Requests['queue.checkIn'], async (ctx, m) => {
    if (ctx.principal.role !== 'patient') throw new SignalingError('forbidden', 'patients only');
    if (m.appointmentId && deps.verifyAppointmentCheckIn) {
      const ok = await deps.verifyAppointmentCheckIn({
        patientId: ctx.principal.userId,
        doctorId: m.doctorId,
        appointmentId: m.appointmentId,
      });
      if (!ok) throw new SignalingError('forbidden', 'no such appointment today');
    }
    const input: Parameters<typeof checkIn>[1] = { patientId: ctx.principal.userId, doctorId: m.doctorId };
    if (m.appointmentId) input.appointmentId = m.appointmentId;
    if (deps.resolveTriage) {
      if (m.triageId) {
        const t = await deps.resolveTriage({ patientId: ctx.principal.userId, triageId: m.triageId });
        if (!t) throw new SignalingError('not_found', 'no such symptom check');
        // The red-flag screen's "yes" (or a clinician's override to emergency): emergency services,
        // not the queue. The web app withholds the waiting room too; this holds for any client.
        if (t.emergency)
          throw new SignalingError('emergency_triage', emergencyCheckInMessage(t.emergencyNumber));
        input.triage = { priority: t.priority, summary: t.summary };
      }
    } else if (m.triage) input.triage = { priority: m.triage.priority, summary: m.triage.summary };
    const r = await checkIn(db, input);
    await announce(r.change);
    return { entryId: r.entryId, ...ownView(r.change?.snapshot, r.entryId) };
  });

  function ownView(s: QueueChange['snapshot'] | undefined, entryId: string) {
    const e = s?.entries.find((x) => x.entryId === entryId);
    return e
      ? { version: s!.version, status: e.status, position: e.position, etaSeconds: e.etaSeconds }
      : { version: s?.version ?? null, status: null, position: null, etaSeconds: null };
  }

  server.registerHandler('queue.leave', Requests['queue.leave'], async (ctx, m) => {
    await announce(await leave(db, ctx.principal.userId, m.doctorId));
    return null;
  });

  server.registerHandler('queue.accept', Requests['queue.accept'], async (ctx, m) => {
    await announce(await accept(db, ctx.principal.userId, m.entryId));
    return null;
  });

  server.registerHandler('queue.state', Requests['queue.state'], async (ctx, m) => {
    if (ctx.principal.role === 'doctor' && ctx.principal.userId === m.doctorId)
      return { snapshot: await readSnapshot(db, await doctorOnly(ctx)) };
    const s = await readSnapshot(db, m.doctorId);
    // Anyone else sees only their own entries.
    const own = s.entries
      .filter((e) => e.patientId === ctx.principal.userId)
      .map((e) => ({
        doctorId: s.doctorId,
        entryId: e.entryId,
        version: s.version,
        status: e.status,
        position: e.position,
        etaSeconds: e.etaSeconds,
        roomId: e.roomId,
      }));
    return { entries: own };
  });

  server.registerHandler('queue.callNext', Requests['queue.callNext'], async (ctx) => {
    const change = await callNext(db, await doctorOnly(ctx));
    await announce(change);
    return {
      called: change?.called
        ? { entryId: change.called.entryId, patientId: change.called.patientId, roomId: change.called.roomId }
        : null,
    };
  });

  server.registerHandler('queue.skip', Requests['queue.skip'], async (ctx, m) => {
    await announce(await skip(db, await doctorOnly(ctx), m.entryId));
    return null;
  });

  server.registerHandler('queue.setPriority', Requests['queue.setPriority'], async (ctx, m) => {
    const doctorId = await doctorOnly(ctx);
    // Who moved whom in the queue is audited with the change (the host's hash-chained log).
    const audit = deps.audit;
    const onChange = audit
      ? (q: Queryable, c: PriorityChange) =>
          audit(q, {
            actorId: doctorId,
            actorRole: 'doctor',
            action: 'queue.priority.set',
            subjectId: c.patientId,
            recordType: 'queue_entry',
            recordId: c.entryId,
            details: { doctorId, triagePriority: c.triagePriority, from: c.from, to: c.to },
          })
      : undefined;
    await announce(await setPriority(db, doctorId, m.entryId, m.priority, onChange));
    return null;
  });

  server.registerHandler('queue.noShow', Requests['queue.noShow'], async (ctx, m) => {
    await announce(await noShow(db, await doctorOnly(ctx), m.entryId));
    return null;
  });

  server.registerHandler('queue.end', Requests['queue.end'], async (ctx, m) => {
    await announce(await endVisit(db, await doctorOnly(ctx), m.entryId));
    return null;
  });

  /** No-show timeout: called patients who never joined. Safe on several nodes at once. */
  async function sweepNoShows() {
    for (const due of await dueNoShows(db, server.config.QUEUE_NO_SHOW_S)) {
      try {
        await announce(await noShow(db, due.doctorId, due.entryId));
      } catch (err) {
        if (!(err instanceof SignalingError)) throw err; // another node got there first
      }
    }
  }
  core.addSweeper(sweepNoShows);
  return { announce, sweepNoShows };
}
