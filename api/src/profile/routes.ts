import type { AppContext } from '../context.ts';
import { audit } from '../audit/index.ts';
import { callWindowPolicy } from '../booking/window.ts';
import type { RouteBuilder } from '../http/route.ts';
import { basisReason } from '../records/access.ts';
import { keyringFromConfig } from '../records/files.ts';
import { auditedReads } from '../records/routes/audited.ts';
import { actorOf } from '../records/routes/http.ts';
import { authorizeProfileRead, authorizeProfileWrite, profileBasisDetails } from './access.ts';
import { HealthProfile, HealthProfileSave, PatientParams } from './schemas.ts';
import { loadProfile, saveProfile, toHealthProfile } from './store.ts';

/**
 * The health profile (issue 19), one resource per patient (`/patients/:patientId/health-profile`, so
 * whoever acts for a patient uses the same routes): the patient reads and edits their own; a doctor reads it in an open
 * visit or under the records' consent, an admin under break-glass (access.ts), every such read
 * audited as `profile.read` on the read's own transaction, every refusal as `record.access_denied`.
 */
export function registerProfileRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const ring = keyringFromConfig(ctx.config);
  const policy = callWindowPolicy(ctx.config.env);
  const { deniedAudited } = auditedReads(db);
  const tags = ['profile'];

  route({
    method: 'get',
    path: '/patients/:patientId/health-profile',
    summary:
      "A patient's health profile: the patient; a doctor in an open visit with them or under their consent; an admin under break-glass",
    tags,
    access: ['patient', 'doctor', 'admin'],
    params: PatientParams,
    response: HealthProfile,
    handler: async ({ req, user, params }) => {
      const target = {
        patientId: params.patientId,
        recordType: 'health_profile',
        recordId: params.patientId,
      };
      return deniedAudited(user, req, target, () =>
        db.tx(async (q) => {
          const basis = await authorizeProfileRead(q, user, params.patientId, policy);
          const stored = await loadProfile(q, ring, params.patientId);
          if (basis.kind !== 'patient')
            await audit(q, {
              ...actorOf(user, req),
              action: 'profile.read',
              subjectId: params.patientId,
              recordType: 'health_profile',
              recordId: params.patientId,
              reason: basis.kind === 'open_visit' ? null : basisReason(basis),
              details: profileBasisDetails(basis),
            });
          return toHealthProfile(params.patientId, stored, ctx.now());
        }),
      );
    },
  });

  route({
    method: 'put',
    path: '/patients/:patientId/health-profile',
    summary:
      "Save a patient's health profile (the patient's own; 409 PROFILE_CHANGED if it changed since `version`)",
    tags,
    access: ['patient'],
    params: PatientParams,
    body: HealthProfileSave,
    response: HealthProfile,
    handler: async ({ req, user, params, body }) =>
      db.tx(async (q) => {
        await authorizeProfileWrite(q, user, params.patientId);
        const saved = await saveProfile(q, ring, params.patientId, body.profile, body.version, user.id);
        await audit(q, {
          ...actorOf(user, req),
          action: 'profile.update',
          subjectId: params.patientId,
          recordType: 'health_profile',
          recordId: params.patientId,
          details: { version: saved.version },
        });
        return toHealthProfile(params.patientId, saved, ctx.now());
      }),
  });
}
