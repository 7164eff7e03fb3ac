import yazl from 'yazl';
import type { Queryable } from '@telehealth/platform/db/index';
import type { Readable } from 'node:stream';
import { fileReadable, toRecordFile, type FileRow, type Vault } from './files.ts';
import { exportSections } from './export-sections.ts';
import { EXTENSION } from './sniff.ts';
import { loadVisits } from './visits.ts';
import { listConsents } from './consents.ts';
import { listEmergencyAccess } from './emergency.ts';
import { healthProfileForExport } from '../profile/store.ts';
import { toStoredEntry, type AuditRow } from '../audit/log.ts';
import { dependentsInExport, familyForExport } from '../family/erasure.ts';

/**
 * "Everything about me" as a zip: me.json (profile, visit records, file list, consents, emergency
 * accesses, and the audit trail of who touched my data), one JSON file per section of the other
 * domains (export-sections.ts: appointments, payments, chat, triage, ...; listed in me.json's
 * `sections`) plus every file, decrypted. Entries are
 * produced one at a time (files lazily, stored without recompression), so memory stays bounded.
 * A guardian's export also holds the same for each family member without a login of their own,
 * under `family/<id>-<name>/`.
 */
export async function buildExport(
  q: Queryable,
  vault: Vault,
  userId: string,
): Promise<{ zip: Readable; files: number }> {
  const zip = new yazl.ZipFile();
  let files = await addAccount(zip, q, vault, userId, '');
  // Family (issue 19): a member without a login of their own has nobody but their guardians to ask
  // for their data, so the guardian's export carries theirs, each in a folder of its own. A member
  // who signs in exports their own.
  for (const m of await dependentsInExport(q, userId))
    files += await addAccount(zip, q, vault, m.id, `family/${m.id.slice(0, 8)}-${safeName(m.name)}/`);
  zip.end();
  return { zip: zip.outputStream as Readable, files };
}

const safeName = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60);

/** One account's me.json, sections and files under `prefix`; returns how many files. */
async function addAccount(zip: yazl.ZipFile, q: Queryable, vault: Vault, userId: string, prefix: string) {
  const user = (
    await q.query<Record<string, unknown>>(
      `SELECT id, email, name, phone, role, status, timezone, locale, mfa_enabled, created_at FROM users WHERE id = $1`,
      [userId],
    )
  ).rows[0];
  const files = (
    await q.query<FileRow>(
      `SELECT * FROM record_files WHERE patient_id = $1 AND status = 'ready' ORDER BY created_at`,
      [userId],
    )
  ).rows;
  const visits = await loadVisits(q, { patientId: userId });
  const consents = await listConsents(q, { patientId: userId }, false);
  const emergency = (await listEmergencyAccess(q, { patientId: userId }, { limit: 10_000, offset: 0 })).items;
  const trail = (
    await q.query<AuditRow>('SELECT * FROM audit_log WHERE subject_id = $1 ORDER BY seq LIMIT 100000', [
      userId,
    ])
  ).rows.map((r) => {
    const e = toStoredEntry(r);
    return {
      seq: e.seq,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorRole: e.actorRole,
      action: e.action,
      recordType: e.recordType,
      recordId: e.recordId,
      reason: e.reason,
    };
  });

  const names = new Map<string, string>();
  for (const f of files)
    names.set(
      f.id,
      `${prefix}files/${f.id.slice(0, 8)}-${(f.filename ?? `document.${EXTENSION[f.media_type]}`).replace(/[/\\]/g, '_')}`,
    );
  // Family (issue 19): whom the account acts for and who acts for it.
  const family = await familyForExport(q, userId);
  const sections = exportSections();
  const sectionData: unknown[] = [];
  for (const s of sections) sectionData.push(await s.collect(q, userId));
  const doc = {
    exportedAt: new Date().toISOString(),
    format: 'telehealth-hub-export/1',
    profile: user,
    healthProfile: await healthProfileForExport(q, vault.keyring, userId),
    visitRecords: visits,
    files: files.map((f) => ({ ...toRecordFile(f), path: names.get(f.id) })),
    consents,
    emergencyAccess: emergency,
    accessLog: trail,
    family,
    sections: sections.map((s) => ({ file: s.file, describe: s.describe })),
  };

  zip.addBuffer(Buffer.from(JSON.stringify(doc, null, 2)), `${prefix}me.json`);
  sections.forEach((s, i) =>
    zip.addBuffer(Buffer.from(JSON.stringify(sectionData[i], null, 2)), `${prefix}${s.file}`),
  );
  for (const f of files) {
    zip.addReadStreamLazy(names.get(f.id)!, { compress: false, mtime: f.created_at }, (cb) => {
      fileReadable(vault, f).then(
        (r) => cb(null, r),
        (err) => cb(err, undefined as never),
      );
    });
  }
  return files.length;
}
