import type { Queryable } from '@telehealth/platform/db/index';

/**
 * What erasing an account means for its family (issue 19), on the erasure's transaction: a dependent
 * with no login of their own and no other guardian cannot look after their account any more, so they
 * are erased with the guardian; a dependent who signs in, or has another guardian, stays. Every
 * guardianship of the erased account ends (its acting tokens are refused from then on).
 */
export async function dependentsErasedWith(q: Queryable, guardianId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT d.user_id AS id FROM guardianships g JOIN dependents d ON d.user_id = g.dependent_id
      WHERE g.guardian_id = $1 AND g.ended_at IS NULL AND d.own_login_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM guardianships o
                         WHERE o.dependent_id = d.user_id AND o.guardian_id <> $1 AND o.ended_at IS NULL)
      ORDER BY d.user_id
      FOR UPDATE OF d`,
    [guardianId],
  );
  return rows.map((r) => r.id);
}

export async function endGuardianshipsOf(q: Queryable, userId: string): Promise<number> {
  const r = await q.query(
    `UPDATE guardianships SET ended_at = now() WHERE (guardian_id = $1 OR dependent_id = $1) AND ended_at IS NULL`,
    [userId],
  );
  return r.rowCount;
}

/** The members whose data a guardian's export carries: those without a login of their own. */
export async function dependentsInExport(q: Queryable, guardianId: string) {
  return (
    await q.query<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM guardianships g JOIN dependents d ON d.user_id = g.dependent_id
         JOIN users u ON u.id = d.user_id
        WHERE g.guardian_id = $1 AND g.ended_at IS NULL AND d.own_login_at IS NULL ORDER BY g.since`,
      [guardianId],
    )
  ).rows;
}

/** The family part of an export: whom I act for and who acts for me (ids, names, relations, dates). */
export async function familyForExport(q: Queryable, userId: string) {
  const dependents = (
    await q.query(
      `SELECT u.id, u.name, g.relation, to_char(d.birth_date, 'YYYY-MM-DD') AS "birthDate",
              d.own_login_at IS NOT NULL AS "ownLogin", g.since, g.ended_at AS "endedAt"
         FROM guardianships g JOIN dependents d ON d.user_id = g.dependent_id JOIN users u ON u.id = d.user_id
        WHERE g.guardian_id = $1 ORDER BY g.since`,
      [userId],
    )
  ).rows;
  const guardians = (
    await q.query(
      `SELECT u.id, u.name, g.relation, g.since, g.ended_at AS "endedAt"
         FROM guardianships g JOIN users u ON u.id = g.guardian_id
        WHERE g.dependent_id = $1 ORDER BY g.since`,
      [userId],
    )
  ).rows;
  const self = (
    await q.query<{ birthDate: string; ownLoginAt: Date | null }>(
      `SELECT to_char(birth_date, 'YYYY-MM-DD') AS "birthDate", own_login_at AS "ownLoginAt" FROM dependents WHERE user_id = $1`,
      [userId],
    )
  ).rows[0];
  return { dependents, guardians, ...(self ? { asDependent: self } : {}) };
}
