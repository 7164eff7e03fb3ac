import { randomUUID } from 'node:crypto';
import type { Queryable } from '@telehealth/platform/db/index';
import type { AccountState, Role } from '@telehealth/platform/auth/tokens';
import { ageRules, civilDate } from './age.ts';
import type { Dependent, Relation } from './schemas.ts';

/**
 * A dependent without a login of their own has no e-mail address: the users row (whose address is
 * unique and required) carries one under the reserved `.invalid` top-level domain (RFC 2606), which
 * no mail can reach and no sign-in can match (the password hash is not a hash either). Mail for it
 * goes to a guardian (mailbox.ts).
 */
export const DEPENDENT_MAIL_DOMAIN = 'dependents.invalid';
export const placeholderEmail = (userId: string) => `dependent+${userId}@${DEPENDENT_MAIL_DOMAIN}`;
export const isPlaceholderEmail = (email: string) => email.endsWith(`@${DEPENDENT_MAIL_DOMAIN}`);
/** Not an argon2 hash: no password verifies against it. */
export const NO_PASSWORD = '!dependent-without-login';

export interface DependentRow {
  id: string;
  name: string;
  relation: Relation;
  birth_date: string;
  timezone: string;
  own_login_at: Date | null;
  invited_email: string | null;
  since: Date;
}

const SELECT_DEPENDENT = `
  SELECT u.id, u.name, g.relation, to_char(d.birth_date, 'YYYY-MM-DD') AS birth_date, u.timezone,
         d.own_login_at, g.since,
         (SELECT i.email FROM dependent_invites i
           WHERE i.dependent_id = d.user_id AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()) AS invited_email
    FROM guardianships g
    JOIN dependents d ON d.user_id = g.dependent_id
    JOIN users u ON u.id = d.user_id
   WHERE g.guardian_id = $1 AND g.ended_at IS NULL AND u.status = 'active'`;

export function toDependent(r: DependentRow, now: Date): Dependent {
  const rules = ageRules(r.birth_date, civilDate(now, r.timezone));
  return {
    id: r.id,
    name: r.name,
    relation: r.relation,
    birthDate: r.birth_date,
    age: rules.age,
    ageBand: rules.band,
    paediatric: rules.paediatric,
    mayHaveOwnLogin: rules.mayHaveOwnLogin,
    ownLogin: r.own_login_at !== null,
    invitedEmail: r.invited_email,
    since: new Date(r.since).toISOString(),
  };
}

export async function listDependents(q: Queryable, guardianId: string): Promise<DependentRow[]> {
  return (await q.query<DependentRow>(`${SELECT_DEPENDENT} ORDER BY g.since, u.name`, [guardianId])).rows;
}

/** The dependent, only while `guardianId` is an active guardian of theirs. */
export async function findDependent(
  q: Queryable,
  guardianId: string,
  dependentId: string,
): Promise<DependentRow | undefined> {
  return (
    await q.query<DependentRow>(`${SELECT_DEPENDENT} AND g.dependent_id = $2`, [guardianId, dependentId])
  ).rows[0];
}

/**
 * Locks the guardianship row of the pair (and so orders concurrent changes of one family member);
 * undefined when it is not active.
 */
export async function lockGuardianship(
  q: Queryable,
  guardianId: string,
  dependentId: string,
): Promise<{ id: string } | undefined> {
  return (
    await q.query<{ id: string }>(
      `SELECT id FROM guardianships WHERE guardian_id = $1 AND dependent_id = $2 AND ended_at IS NULL FOR UPDATE`,
      [guardianId, dependentId],
    )
  ).rows[0];
}

export async function listGuardians(q: Queryable, dependentId: string) {
  return (
    await q.query<{ id: string; name: string; relation: Relation; since: Date }>(
      `SELECT u.id, u.name, g.relation, g.since FROM guardianships g JOIN users u ON u.id = g.guardian_id
        WHERE g.dependent_id = $1 AND g.ended_at IS NULL ORDER BY g.since`,
      [dependentId],
    )
  ).rows.map((r) => ({
    id: r.id,
    name: r.name,
    relation: r.relation,
    since: new Date(r.since).toISOString(),
  }));
}

/** A new patient account for the family member, in the guardian's zone and language. */
export async function createDependent(
  q: Queryable,
  guardian: { id: string; timezone: string; locale: string },
  input: { name: string; birthDate: string; relation: Relation },
): Promise<string> {
  const id = randomUUID();
  await q.query(
    `INSERT INTO users (id, email, name, role, password_hash, timezone, locale)
     VALUES ($1, $2, $3, 'patient', $4, $5, $6)`,
    [id, placeholderEmail(id), input.name, NO_PASSWORD, guardian.timezone, guardian.locale],
  );
  await q.query('INSERT INTO dependents (user_id, birth_date, created_by) VALUES ($1, $2, $3)', [
    id,
    input.birthDate,
    guardian.id,
  ]);
  await q.query('INSERT INTO guardianships (guardian_id, dependent_id, relation) VALUES ($1, $2, $3)', [
    guardian.id,
    id,
    input.relation,
  ]);
  return id;
}

export async function activeGuardianCount(q: Queryable, dependentId: string): Promise<number> {
  return (
    await q.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM guardianships WHERE dependent_id = $1 AND ended_at IS NULL',
      [dependentId],
    )
  ).rows[0]!.n;
}

/**
 * The account of a guardian acting for `dependentId`, for token verification: answered only while
 * the guardianship runs, so ending it refuses the acting tokens at their next use (HTTP and socket).
 */
export async function actingGuardianState(
  q: Queryable,
  guardianId: string,
  dependentId: string,
): Promise<AccountState | undefined> {
  const r = (
    await q.query<{ role: Role; status: AccountState['status']; session_version: number }>(
      `SELECT u.role, u.status, u.session_version FROM guardianships g JOIN users u ON u.id = g.guardian_id
        WHERE g.guardian_id = $1 AND g.dependent_id = $2 AND g.ended_at IS NULL`,
      [guardianId, dependentId],
    )
  ).rows[0];
  return r && { role: r.role, status: r.status, sessionVersion: r.session_version };
}
