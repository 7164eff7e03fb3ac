import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import type { RouteBuilder } from '../../http/route.ts';
import { grantConsent, listConsents, revokeConsent } from '../consents.ts';
import { Consent, ConsentInput, ConsentsQuery, IdParams } from '../schemas.ts';
import { actorOf } from './http.ts';

/** A patient's consents: granted and revoked by the patient, listed for both sides. */
export function registerConsentRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const tags = ['consents'];

  route({
    method: 'post',
    path: '/consents',
    summary: 'Grant a doctor access to all my records or to one, optionally until a time',
    tags,
    access: ['patient'],
    body: ConsentInput,
    response: Consent,
    status: 201,
    handler: async ({ req, user, body }) => db.tx((q) => grantConsent(q, user.id, body, actorOf(user, req))),
  });

  route({
    method: 'delete',
    path: '/consents/:id',
    summary: 'Revoke a consent (effective immediately)',
    tags,
    access: ['patient'],
    params: IdParams,
    handler: async ({ req, user, params }) => {
      await db.tx((q) => revokeConsent(q, user.id, params.id, actorOf(user, req)));
    },
  });

  route({
    method: 'get',
    path: '/consents',
    summary: 'Consents I granted (patients) or hold (doctors)',
    tags,
    access: ['patient', 'doctor'],
    query: ConsentsQuery,
    response: z.array(Consent),
    handler: async ({ user, query }) =>
      listConsents(
        db,
        user.role === 'patient' ? { patientId: user.id } : { doctorId: user.id },
        query.active === undefined ? user.role === 'doctor' : query.active === 'true',
      ),
  });
}
