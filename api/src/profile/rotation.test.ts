import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';
import { createKeyring, MasterKeyUnavailableError } from '../records/crypto.ts';
import { DEMO_PATIENTS, seedDemo, type DemoIds } from '../seed/demo.ts';
import { rotateProfileKeys } from './rotation.ts';
import { loadProfile, saveProfile } from './store.ts';

const K1 = { id: 'k1', key: randomBytes(32) };
const K2 = { id: 'k2', key: randomBytes(32) };

describe('health profile key rotation', () => {
  let t: TestDb;
  let ids: DemoIds;
  beforeAll(async () => {
    t = await createTestPglite();
    ids = (await seedDemo(t.db))!;
  });
  afterAll(async () => t?.drop());

  it('re-wraps every profile under the new master key; the old key can then go', async () => {
    const old = createKeyring(K1);
    for (const [i, id] of ids.patientIds.entries())
      await t.db.tx((q) => saveProfile(q, old, id, { ...emptyWith(`Allergen ${i}`) }, 0, id));
    const rotated = await rotateProfileKeys(t.db, createKeyring(K2, [K1]), { batchSize: 2 });
    expect(rotated).toEqual({ rewrapped: DEMO_PATIENTS.length, remaining: 0 });
    const onlyNew = createKeyring(K2);
    const p = await loadProfile(t.db, onlyNew, ids.patientIds[1]!);
    expect(p.profile.allergies).toEqual([{ substance: 'Allergen 1' }]);
    // Now under k2: a node that still has only the old key cannot open them.
    await expect(loadProfile(t.db, createKeyring(K1), ids.patientIds[0]!)).rejects.toBeInstanceOf(
      MasterKeyUnavailableError,
    );
  });
});

function emptyWith(substance: string) {
  return {
    allergies: [{ substance }],
    conditions: [],
    medications: [],
    procedures: [],
    emergencyContacts: [],
  };
}
