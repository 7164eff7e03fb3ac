/**
 * Dependents over HTTP (issue 19) on the real app with every module and real PostgreSQL: a guardian
 * adds family members, acts for them (books, pays, grants consent) with a token whose principal is
 * the dependent, and the authorization of the dependent's own data for everyone else: the guardian,
 * the dependent's own login, a doctor with and without consent, another patient, an admin. Audit
 * entries name the guardian who acted; ending the guardianship or the guardian's session ends the
 * acting token; erasure takes the dependents nobody else looks after, and keeps one who signs in.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, createTestPostgres, type TestDb } from '@telehealth/platform/testing/db';
import { readZip } from '../records/zip.testutil.ts';
import { demoSignupHooks, domainModules, domainSeeders } from '../modules.ts';
import { DEMO_DOCTORS, DEMO_PASSWORDS, DEMO_PATIENTS, seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient, type TestClient } from '../testing/client.ts';

const PAEDIATRICIAN = DEMO_DOCTORS.find((d) => d.email === 'meera.iyer@telehealth.local')!;
const HOUR = 3_600_000;

describe('dependents over HTTP', () => {
  let t: TestDb;
  let app: TestApp;
  let guardian: TestClient;
  let guardianId: string;
  let other: TestClient;
  let doctor: TestClient;
  let doctorId: string;
  let admin: TestClient;
  let childId: string;
  let acting: TestClient;

  const login = async (email: string, password: string) => {
    const c = createClient(app.url);
    await c.login(email, password);
    return c;
  };
  const actAs = async (g: TestClient, dependentId: string) => {
    const r = await g.post(`/api/v1/family/${dependentId}/act`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const c = createClient(app.url);
    c.token = r.body.accessToken;
    return { client: c, body: r.body };
  };
  const mailTo = async (to: string) => {
    await app.flushEmails();
    return (
      await t.db.query<{ subject: string; text_body: string }>(
        'SELECT subject, text_body FROM dev_mailbox WHERE to_address = $1 ORDER BY created_at DESC',
        [to],
      )
    ).rows;
  };

  beforeAll(async () => {
    t = await createTestPostgres();
    await seedDemo(t.db, { seeders: domainSeeders });
    app = await startTestApp(t.db, { modules: domainModules, onUserCreated: demoSignupHooks });
    guardian = await login(DEMO_PATIENTS[0].email, DEMO_PASSWORDS.patient);
    guardianId = (await guardian.get('/api/v1/me')).body.id;
    other = await login(DEMO_PATIENTS[1].email, DEMO_PASSWORDS.patient);
    doctor = await login(PAEDIATRICIAN.email, DEMO_PASSWORDS.doctor);
    doctorId = (await doctor.get('/api/v1/me')).body.id;
    admin = await login('admin@telehealth.local', DEMO_PASSWORDS.admin);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('adds a child without an e-mail address, with the age rules of their date of birth', async () => {
    const bad = await guardian.post('/api/v1/family', {
      name: 'Aarav',
      birthDate: '2099-01-01',
      relation: 'nephew',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.relation']);
    const future = await guardian.post('/api/v1/family', {
      name: 'Aarav',
      birthDate: '2099-01-01',
      relation: 'child',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([
      { path: 'body.birthDate', message: 'must not be in the future' },
    ]);

    const seven = new Date(Date.now() - 7.5 * 365.25 * 24 * HOUR).toISOString().slice(0, 10);
    const r = await guardian.post('/api/v1/family', {
      name: 'Aarav Sharma',
      birthDate: seven,
      relation: 'child',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: 'Aarav Sharma',
      relation: 'child',
      age: 7,
      ageBand: 'child',
      paediatric: true,
      mayHaveOwnLogin: false,
      ownLogin: false,
    });
    childId = r.body.id;
    // Their health profile starts with the date of birth (the symptom check and the doctor read it).
    const asChild = (await actAs(guardian, childId)).client;
    const profile = await asChild.get(`/api/v1/patients/${childId}/health-profile`);
    expect(profile.body.profile.dateOfBirth).toBe(seven);
    // One date of birth: corrected on the family page, the profile follows; corrected in the
    // profile, the family page follows.
    const six = new Date(Date.now() - 6.5 * 365.25 * 24 * HOUR).toISOString().slice(0, 10);
    expect((await guardian.patch(`/api/v1/family/${childId}`, { birthDate: six })).body.age).toBe(6);
    const p2 = await asChild.get(`/api/v1/patients/${childId}/health-profile`);
    expect(p2.body.profile.dateOfBirth).toBe(six);
    const saved = await asChild.put(`/api/v1/patients/${childId}/health-profile`, {
      version: p2.body.version,
      profile: { ...p2.body.profile, dateOfBirth: seven },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await guardian.get('/api/v1/family')).body.dependents[0].age).toBe(7);
    const family = await guardian.get('/api/v1/family');
    expect(family.body.dependents.map((d: { id: string }) => d.id)).toEqual([childId]);
    // A child is nobody's guardian, whichever path writes the row (the database refuses it).
    await expect(
      t.db.query('INSERT INTO guardianships (guardian_id, dependent_id, relation) VALUES ($1, $1, $2)', [
        childId,
        'child',
      ]),
    ).rejects.toThrow();
  });

  it('acts for the child with a token as the child that carries the guardian, no longer-lived than theirs', async () => {
    const { client, body } = await actAs(guardian, childId);
    acting = client;
    expect(body.user).toMatchObject({ id: childId, name: 'Aarav Sharma', role: 'patient' });
    const claims = decodeJwt(body.accessToken);
    expect(claims.sub).toBe(childId);
    expect(claims.act).toMatchObject({ sub: guardianId });
    expect(claims.exp! - decodeJwt(guardian.token!).exp!).toBeLessThanOrEqual(0);
    expect((await acting.get('/api/v1/me')).body.id).toBe(childId);
    // The family routes serve the human behind the token: the switcher still lists the family.
    expect((await acting.get('/api/v1/family')).body.dependents[0].id).toBe(childId);
  });

  it('books and pays a paediatrician for the child from money the guardian moved into the child’s wallet', async () => {
    const from = new Date(Date.now() + 3 * HOUR).toISOString();
    const slots = await acting.get(`/api/v1/doctors/${doctorId}/slots?from=${encodeURIComponent(from)}`);
    const startsAt = slots.body.slots[0].startsAt;
    const booked = await acting.post('/api/v1/appointments', { doctorId, startsAt });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const broke = await acting.post(`/api/v1/appointments/${booked.body.id}/pay`, { method: 'wallet' });
    expect(broke.status).toBe(402);

    const tooMuch = await acting.post(`/api/v1/family/${childId}/wallet/transfers`, {
      currency: 'INR',
      amountMinor: 99_000_000,
    });
    expect(tooMuch.status).toBe(402);
    expect(tooMuch.body.error.code).toBe('INSUFFICIENT_FUNDS');
    const before = (await guardian.get('/api/v1/wallet')).body.balances.find(
      (b: { currency: string }) => b.currency === 'INR',
    ).balanceMinor;
    const moved = await acting.post(`/api/v1/family/${childId}/wallet/transfers`, {
      currency: 'INR',
      amountMinor: 200_000,
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({
      guardianBalanceMinor: before - 200_000,
      dependentBalanceMinor: 200_000,
    });
    const paid = await acting.post(`/api/v1/appointments/${booked.body.id}/pay`, { method: 'wallet' });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);

    // The visit is the child's, not the guardian's; its confirmation reaches the guardian's mailbox.
    const mine = await acting.get('/api/v1/appointments');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(booked.body.id);
    const theirs = await guardian.get('/api/v1/appointments');
    expect(theirs.body.items.map((a: { id: string }) => a.id)).not.toContain(booked.body.id);
    const mail = await mailTo(DEMO_PATIENTS[0].email);
    expect(mail.some((m) => /Aarav/.test(m.text_body))).toBe(true);
  });

  it('lets the guardian, and nobody else, reach the child’s data; a doctor only with consent', async () => {
    // Another patient cannot act for the child nor read their records.
    expect((await other.post(`/api/v1/family/${childId}/act`)).status).toBe(404);
    expect((await other.get(`/api/v1/records?patientId=${childId}`)).status).toBe(404);
    expect(
      (await other.post(`/api/v1/family/${childId}/wallet/transfers`, { currency: 'INR', amountMinor: 1 }))
        .status,
    ).toBe(404);
    // A doctor and an admin have no family routes.
    expect((await doctor.post(`/api/v1/family/${childId}/act`)).status).toBe(403);
    expect((await admin.post(`/api/v1/family/${childId}/act`)).status).toBe(403);
    // The guardian (acting) reads the child's records.
    expect((await acting.get('/api/v1/records')).status).toBe(200);
    // A doctor treating nobody in the family needs consent; an admin a break-glass.
    const unrelated = await login(DEMO_DOCTORS[1].email, DEMO_PASSWORDS.doctor);
    const denied = await unrelated.get(`/api/v1/records?patientId=${childId}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('CONSENT_REQUIRED');
    expect((await admin.get(`/api/v1/records?patientId=${childId}`)).body.error.code).toBe(
      'BREAK_GLASS_REQUIRED',
    );
    // The guardian consents for the child; the paediatrician then reads the records.
    const consent = await acting.post('/api/v1/consents', { doctorId, scope: 'all' });
    expect(consent.status, JSON.stringify(consent.body)).toBe(201);
    expect((await doctor.get(`/api/v1/records?patientId=${childId}`)).status).toBe(200);
    expect((await unrelated.get(`/api/v1/records?patientId=${childId}`)).status).toBe(403);
  });

  it('records the guardian as the actor of what was done for the child', async () => {
    const { rows } = await t.db.query<{
      actor_id: string;
      actor_role: string;
      subject_id: string;
      details: any;
    }>(
      `SELECT actor_id, actor_role, subject_id, details FROM audit_log WHERE action = 'consent.grant' AND subject_id = $1`,
      [childId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: guardianId, actor_role: 'guardian', subject_id: childId });
    expect(rows[0]!.details.onBehalfOf).toBe(childId);
    const act = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'family.act' AND actor_id = $1 AND subject_id = $2`,
      [guardianId, childId],
    );
    expect(act.rowCount).toBeGreaterThan(0);
  });

  it('gives a grown family member their own login by e-mail, history kept; the guardian can still act', async () => {
    const tooYoung = await guardian.post(`/api/v1/family/${childId}/invite`, { email: 'aarav@example.test' });
    expect(tooYoung.status).toBe(422);
    expect(tooYoung.body.error.code).toBe('TOO_YOUNG_FOR_OWN_LOGIN');

    const elder = await guardian.post('/api/v1/family', {
      name: 'Kamala Sharma',
      birthDate: '1952-03-10',
      relation: 'parent',
    });
    const elderId = elder.body.id;
    const asElder = (await actAs(guardian, elderId)).client;
    expect((await asElder.post('/api/v1/consents', { doctorId, scope: 'all' })).status).toBe(201);
    // Only the guardian may invite, and only their own family member.
    expect((await other.post(`/api/v1/family/${elderId}/invite`, { email: 'x@example.test' })).status).toBe(
      404,
    );
    const email = `kamala.${Date.now()}@example.test`;
    const inv = await guardian.post(`/api/v1/family/${elderId}/invite`, { email });
    expect(inv.status).toBe(202);
    expect(inv.body.invitedEmail).toBe(email);
    const mail = (await mailTo(email))[0]!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
    const weak = await createClient(app.url).post('/api/v1/family/invites/accept', {
      token,
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('body.password');
    const ok = await createClient(app.url).post('/api/v1/family/invites/accept', {
      token,
      password: 'kamala-own-password',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ email });
    expect(
      (
        await createClient(app.url).post('/api/v1/family/invites/accept', {
          token,
          password: 'kamala-own-password',
        })
      ).body.error.code,
    ).toBe('INVITE_INVALID');

    const own = await login(email, 'kamala-own-password');
    const me = (await own.get('/api/v1/me')).body;
    expect(me.id).toBe(elderId);
    // Her consent from before is hers: same account, same history; she sees who acts for her.
    const consents = (await own.get('/api/v1/consents')).body;
    expect(JSON.stringify(consents)).toContain(doctorId);
    const fam = await own.get('/api/v1/family');
    expect(fam.body.guardians.map((g: { id: string }) => g.id)).toEqual([guardianId]);
    // Her own login cannot act for anyone of the guardian's family.
    expect((await own.post(`/api/v1/family/${childId}/act`)).status).toBe(404);
    // The guardian still acts for her, but her sign-in settings and her erasure are hers alone.
    const stillActing = (await actAs(guardian, elderId)).client;
    expect((await stillActing.get('/api/v1/me')).body.id).toBe(elderId);
    expect((await stillActing.post('/api/v1/auth/mfa/setup')).body.error.code).toBe('ACTING_FOR_DEPENDENT');
    const erase = await stillActing.request('DELETE', '/api/v1/me', {
      password: DEMO_PASSWORDS.patient,
      confirm: 'ERASE',
    });
    expect(erase.status).toBe(403);
    expect(erase.body.error.code).toBe('HAS_OWN_LOGIN');
  });

  it('ends acting at once when the guardianship ends, and refuses to leave a member nobody can look after', async () => {
    const last = await guardian.del(`/api/v1/family/${childId}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('LAST_GUARDIAN');
    const elderId = (await guardian.get('/api/v1/family')).body.dependents.find(
      (d: { name: string }) => d.name === 'Kamala Sharma',
    ).id;
    const asElder = (await actAs(guardian, elderId)).client;
    expect((await asElder.get('/api/v1/me')).status).toBe(200);
    expect((await guardian.del(`/api/v1/family/${elderId}`)).status).toBe(204);
    const refused = await asElder.get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SESSION_REVOKED');
    expect((await guardian.post(`/api/v1/family/${elderId}/act`)).status).toBe(404);
  });

  it('lets a member who signs in stop a guardian acting for them', async () => {
    const gran = (
      await guardian.post('/api/v1/family', {
        name: 'Lakshmi Sharma',
        birthDate: '1950-07-07',
        relation: 'grandparent',
      })
    ).body.id;
    const email = `lakshmi.${Date.now()}@example.test`;
    await guardian.post(`/api/v1/family/${gran}/invite`, { email });
    const token = /token=([A-Za-z0-9_-]+)/.exec((await mailTo(email))[0]!.text_body)![1]!;
    await createClient(app.url).post('/api/v1/family/invites/accept', {
      token,
      password: 'lakshmi-password',
    });
    const asGran = (await actAs(guardian, gran)).client;
    const own = await login(email, 'lakshmi-password');
    // The guardian, acting for her, cannot remove anyone in her name.
    expect((await asGran.del(`/api/v1/family/guardians/${guardianId}`)).body.error.code).toBe(
      'ACTING_FOR_DEPENDENT',
    );
    // Another patient is nobody's guardian of hers.
    const otherId = (await other.get('/api/v1/me')).body.id;
    expect((await own.del(`/api/v1/family/guardians/${otherId}`)).status).toBe(404);
    expect((await own.del(`/api/v1/family/guardians/${guardianId}`)).status).toBe(204);
    expect((await asGran.get('/api/v1/me')).body.error.code).toBe('SESSION_REVOKED');
    expect(
      (await guardian.get('/api/v1/family')).body.dependents.map((d: { id: string }) => d.id),
    ).not.toContain(gran);
    expect((await own.get('/api/v1/family')).body.guardians).toEqual([]);
  });

  it('ends acting when the guardian’s password is reset (every session of theirs ends)', async () => {
    const g = await login(DEMO_PATIENTS[2].email, DEMO_PASSWORDS.patient);
    const kid = (
      await g.post('/api/v1/family', { name: 'Oliver Hughes', birthDate: '2018-02-01', relation: 'child' })
    ).body.id;
    const asKid = (await actAs(g, kid)).client;
    expect((await asKid.get('/api/v1/me')).status).toBe(200);
    await createClient(app.url).post('/api/v1/auth/password/forgot', { email: DEMO_PATIENTS[2].email });
    const mail = (await mailTo(DEMO_PATIENTS[2].email)).find((m) => /reset/i.test(m.subject))!;
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;
    expect(
      (
        await createClient(app.url).post('/api/v1/auth/password/reset', {
          token,
          password: 'amelia-new-password',
        })
      ).status,
    ).toBe(204);
    const refused = await asKid.get('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SESSION_REVOKED');
  });

  it('exports the family with the guardian’s data, and erasure takes the child but keeps a member who signs in', async () => {
    const g = await (async () => {
      const c = createClient(app.url);
      const email = `guardian.${Date.now()}@example.test`;
      await c.post('/api/v1/auth/register', {
        email,
        password: 'guardian-password',
        name: 'Neha Guardian',
        timezone: 'Asia/Kolkata',
      });
      const code = /\b(\d{6})\b/.exec((await mailTo(email))[0]!.text_body)![1];
      const s = await c.post('/api/v1/auth/register/verify', { email, code });
      c.token = s.body.accessToken;
      return c;
    })();
    const kid = (
      await g.post('/api/v1/family', { name: 'Ishaan Guardian', birthDate: '2020-05-05', relation: 'child' })
    ).body.id;
    const gran = (
      await g.post('/api/v1/family', {
        name: 'Savitri Guardian',
        birthDate: '1948-05-05',
        relation: 'parent',
      })
    ).body.id;
    const granEmail = `savitri.${Date.now()}@example.test`;
    await g.post(`/api/v1/family/${gran}/invite`, { email: granEmail });
    const token = /token=([A-Za-z0-9_-]+)/.exec((await mailTo(granEmail))[0]!.text_body)![1]!;
    await createClient(app.url).post('/api/v1/family/invites/accept', {
      token,
      password: 'savitri-password',
    });

    const res = await fetch(`${app.url}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${g.token}` },
    });
    expect(res.status).toBe(200);
    const zip = readZip(Buffer.from(await res.arrayBuffer()));
    const doc = JSON.parse(zip.get('me.json')!.toString('utf8'));
    expect(doc.family.dependents.map((d: { id: string }) => d.id).sort()).toEqual([kid, gran].sort());
    // The child's whole record rides along; the grandmother, who signs in, exports her own.
    const kidDoc = JSON.parse(zip.get(`family/${kid.slice(0, 8)}-Ishaan_Guardian/me.json`)!.toString('utf8'));
    expect(kidDoc.profile.id).toBe(kid);
    expect(kidDoc.family.guardians.map((x: { name: string }) => x.name)).toEqual(['Neha Guardian']);
    expect([...zip.keys()].filter((k) => k.includes(gran.slice(0, 8)))).toEqual([]);

    // Acting for the child, the guardian erases the child's account with their own password.
    const wrong = await (
      await actAs(g, kid)
    ).client.request('DELETE', '/api/v1/me', { password: 'not-it', confirm: 'ERASE' });
    expect(wrong.status).toBe(403);

    const erased = await g.request('DELETE', '/api/v1/me', {
      password: 'guardian-password',
      confirm: 'ERASE',
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const { rows } = await t.db.query<{ id: string; status: string; name: string }>(
      'SELECT id, status, name FROM users WHERE id = ANY($1)',
      [[kid, gran]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(kid)).toMatchObject({ status: 'suspended', name: 'Erased account' });
    expect(byId.get(gran)).toMatchObject({ status: 'active', name: 'Savitri Guardian' });
    const own = await login(granEmail, 'savitri-password');
    expect((await own.get('/api/v1/family')).body.guardians).toEqual([]);
  });
});

describe('dependents on PGlite (the embedded database)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestPglite();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('runs the family migrations and their rules', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('g@example.test', 'G', 'patient', 'x'),
         ('d@example.test', 'D', 'patient', 'x') RETURNING id`,
    );
    const [g, d] = rows.map((r) => r.id) as [string, string];
    await t.db.query(`INSERT INTO dependents (user_id, birth_date) VALUES ($1, '2019-01-01')`, [d]);
    await t.db.query(
      `INSERT INTO guardianships (guardian_id, dependent_id, relation) VALUES ($1, $2, 'child')`,
      [g, d],
    );
    // One running guardianship per pair.
    await expect(
      t.db.query(`INSERT INTO guardianships (guardian_id, dependent_id, relation) VALUES ($1, $2, 'child')`, [
        g,
        d,
      ]),
    ).rejects.toThrow();
    // A dependent without a login guards nobody.
    const e = (
      await t.db.query<{ id: string }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ('e@example.test', 'E', 'patient', 'x') RETURNING id`,
      )
    ).rows[0]!.id;
    await t.db.query(`INSERT INTO dependents (user_id, birth_date) VALUES ($1, '2020-01-01')`, [e]);
    await expect(
      t.db.query(
        `INSERT INTO guardianships (guardian_id, dependent_id, relation) VALUES ($1, $2, 'sibling')`,
        [d, e],
      ),
    ).rejects.toThrow(/cannot be a guardian/);
    await t.db.query(`UPDATE dependents SET own_login_at = now() WHERE user_id = $1`, [d]);
    await t.db.query(
      `INSERT INTO guardianships (guardian_id, dependent_id, relation) VALUES ($1, $2, 'sibling')`,
      [d, e],
    );
    await t.db.query(`INSERT INTO ledger_transactions (kind) VALUES ('transfer')`);
  });
});
