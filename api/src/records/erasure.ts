import { audit } from '../audit/index.ts';
import type { Queryable } from '@telehealth/platform/db/index';
import { dependentsErasedWith, endGuardianshipsOf } from '../family/erasure.ts';
import { eraseProfile } from '../profile/store.ts';
import { ACTIVE_EMERGENCY } from './access.ts';
import type { AuditActor } from './files.ts';
import { shredFiles } from './files.ts';

/**
 * Account erasure (right to be forgotten) with the retention rules of RETENTION.md, on the caller's
 * transaction. Returns the storage keys of shredded files, to delete after commit.
 *
 * Erased: files (crypto-shredded, objects deleted), profile data (name, email, phone, password, MFA),
 * sessions, consents and running emergency access (ended), queued and sent emails to the address.
 * Retained: visit records (with prescriptions and lab results), audit entries, and the anonymised
 * users row they point to.
 */
export async function eraseAccount(
  q: Queryable,
  userId: string,
  actor: AuditActor,
): Promise<{ keys: string[]; filesErased: number; visitsRetained: number; dependentsErased: string[] }> {
  // Family (issue 19): a dependent nobody else could look after (no login, no other guardian) goes
  // with their guardian; one who signs in stays. The guardianships of the account end.
  const dependentsErased = await dependentsErasedWith(q, userId);
  const theirKeys: string[] = [];
  for (const d of dependentsErased) theirKeys.push(...(await eraseAccount(q, d, actor)).keys);
  await endGuardianshipsOf(q, userId);
  const keys = await shredFiles(q, { patientId: userId });
  // The health profile is the patient's own account data, not the retained clinical record.
  await eraseProfile(q, userId);
  const visits = (
    await q.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_records WHERE patient_id = $1', [
      userId,
    ])
  ).rows[0]!.n;
  const { rows } = await q.query<{ email: string }>('SELECT email FROM users WHERE id = $1 FOR UPDATE', [
    userId,
  ]);
  const email = rows[0]?.email;
  await q.query(
    'UPDATE consents SET revoked_at = now() WHERE (patient_id = $1 OR doctor_id = $1) AND revoked_at IS NULL',
    [userId],
  );
  await q.query(
    `UPDATE emergency_access SET ended_at = now() WHERE patient_id = $1 AND ${ACTIVE_EMERGENCY}`,
    [userId],
  );
  await q.query('DELETE FROM refresh_tokens WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM password_resets WHERE user_id = $1', [userId]);
  await q.query('DELETE FROM mfa_backup_codes WHERE user_id = $1', [userId]);
  if (email) await q.query('DELETE FROM outbox_emails WHERE to_address = $1', [email]);
  await q.query(
    `UPDATE users SET email = 'erased+' || id || '@erased.invalid', name = 'Erased account', phone = NULL,
       password_hash = '!erased', mfa_secret = NULL, mfa_enabled = false, status = 'suspended', updated_at = now()
     WHERE id = $1`,
    [userId],
  );
  await q.query('INSERT INTO account_erasures (user_id, files_erased, visits_retained) VALUES ($1, $2, $3)', [
    userId,
    keys.length,
    visits,
  ]);
  await audit(q, {
    ...actor,
    action: 'account.erase',
    subjectId: userId,
    recordType: 'user',
    recordId: userId,
    details: { filesErased: keys.length, visitsRetained: visits },
  });
  return {
    keys: [...keys, ...theirKeys],
    filesErased: keys.length,
    visitsRetained: visits,
    dependentsErased,
  };
}
