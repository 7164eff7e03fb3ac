/** Who may call the AI routes (authorization matrix, api/src/authz/types.ts). */
import {
  NOT_VERIFIED,
  only,
  outcomes,
  perWorld,
  type HttpExpect,
  type RouteAuthzTable,
  type World,
} from '../authz/types.ts';

/** A finished summary of A's file, made by A (the job resource's id). */
const summaryOfA = perWorld(async (w: World) => {
  const c = w.clients.patientOwn;
  const r = await c.post(`/api/v1/records/files/${w.a.fileId}/summary`);
  if (r.status !== 202) throw new Error(`summary: ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body.id as string;
  for (let i = 0; i < 200; i++) {
    const j = await c.get(`/api/v1/records/summaries/${id}`);
    if (j.body.status === 'succeeded') return id;
    if (j.body.status === 'failed') throw new Error(`summary failed: ${JSON.stringify(j.body.error)}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error('summary did not finish');
});
/** Reading A's summary is reading A's file: consent, authorship or emergency; admins by break-glass. */
const readsFile: Record<string, HttpExpect> = {
  anonymous: 401,
  patientOwn: 'ok',
  doctorTreating: 'ok',
  doctorUnverified: NOT_VERIFIED,
  doctorUnrelated: { status: 403, code: 'CONSENT_REQUIRED' },
  admin: { status: 403, code: 'BREAK_GLASS_REQUIRED' },
};

export const aiAuthz: RouteAuthzTable = {
  'POST /triage': {
    call: () => ({
      path: '/triage',
      body: { symptoms: 'Sore throat for two days, no fever', age: 29, sex: 'male' },
    }),
    expect: only.patients('ok'),
  },
  // The questions are generic: no patient data in them.
  'GET /triage/screen': {
    call: () => ({ path: '/triage/screen?age=30&sex=female' }),
    expect: only.authenticated('ok'),
  },
  // Admins see no clinical content without a break-glass of their own (issue 21).
  'GET /triage/:id': {
    call: (w) => ({ path: `/triage/${w.a.triageId}` }),
    expect: only.authenticated(404, {
      patientOwn: 'ok',
      doctorTreating: 'ok',
      admin: { status: 403, code: 'BREAK_GLASS_REQUIRED' },
    }),
  },
  'POST /triage/:id/override': {
    call: (w) => ({
      path: `/triage/${w.a.triageId}/override`,
      body: { priority: 'urgent', reason: 'The headache is getting worse' },
    }),
    expect: outcomes(404, { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  // A doctor who may not read the file (unverified, or no consent) finds no such record.
  'POST /records/files/:id/summary': {
    call: (w) => ({ path: `/records/files/${w.a.fileId}/summary` }),
    expect: outcomes(404, { anonymous: 401, admin: 403, patientOwn: 'ok', doctorTreating: 'ok' }),
  },
  // The status URL: only who may read the file learns anything of the job.
  'GET /records/summaries/:id': {
    call: async (w) => ({ path: `/records/summaries/${await summaryOfA(w)}` }),
    sees: (b, w) => b.fileId === w.a.fileId && typeof b.summary?.summary === 'string',
    expect: outcomes(404, readsFile),
  },
  'GET /records/files/:id/summary': {
    call: async (w) => {
      await summaryOfA(w);
      return { path: `/records/files/${w.a.fileId}/summary` };
    },
    sees: (b, w) => b.fileId === w.a.fileId && b.status === 'succeeded',
    expect: outcomes(404, readsFile),
  },
  // A's own list; B's list leaves A's summary out.
  'GET /records/summaries': {
    call: async (w) => {
      await summaryOfA(w);
      return { path: '/records/summaries' };
    },
    sees: (b, w) => b.items.some((j: { fileId: string }) => j.fileId === w.a.fileId),
    expect: only.patients('ok', { patientOther: 'filtered' }),
  },
};
