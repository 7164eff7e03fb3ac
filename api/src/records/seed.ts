import { audit } from '../audit/index.ts';
import type { DemoSeeder } from '../seed/demo.ts';
import { createVisitRecord } from './visits.ts';

/**
 * Demo records: Priya has consented to Dr. Asha Rao, who wrote her a visit record with a
 * prescription and lab results; John consented to Dr. Emily Carter, who wrote a dermatology visit.
 */
export const seedRecordsDemo: DemoSeeder = async (q, { doctorIds, patientIds }) => {
  const [asha, , , emily] = doctorIds;
  const [priya, john] = patientIds;
  if (!asha || !emily || !priya || !john) return;
  for (const [patient, doctor] of [
    [priya, asha],
    [john, emily],
  ] as const) {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO consents (patient_id, doctor_id, scope) VALUES ($1, $2, 'all') RETURNING id`,
      [patient, doctor],
    );
    await audit(q, {
      actorId: patient,
      actorRole: 'patient',
      action: 'consent.grant',
      subjectId: patient,
      recordType: 'consent',
      recordId: rows[0]!.id,
      reason: 'demo seed',
      details: { doctorId: doctor, scope: 'all' },
    });
  }
  await createVisitRecord(
    q,
    {
      patientId: priya,
      visitAt: new Date(Date.now() - 14 * 86_400_000).toISOString(),
      notes:
        'Fever and sore throat for three days. No breathing difficulty. Throat congested, tonsils enlarged.',
      diagnoses: [{ code: 'J03.90', description: 'Acute tonsillitis, unspecified' }],
      vitals: {
        temperatureC: 38.4,
        pulseBpm: 96,
        systolicMmHg: 118,
        diastolicMmHg: 76,
        spo2Percent: 98,
        weightKg: 58,
      },
      prescriptions: [
        {
          drug: 'Amoxicillin',
          dose: '500 mg',
          route: 'oral',
          frequency: 'three times a day',
          duration: '7 days',
          instructions: 'Complete the course.',
        },
        {
          drug: 'Paracetamol',
          dose: '650 mg',
          route: 'oral',
          frequency: 'every 6 hours if fever',
          duration: '3 days',
        },
      ],
      labResults: [
        { test: 'CRP', value: '24', unit: 'mg/L', referenceRange: '< 5', flag: 'high' },
        { test: 'WBC', value: '11.8', unit: '10^9/L', referenceRange: '4.0-11.0', flag: 'high' },
      ],
    },
    { doctorId: asha, reason: 'demo seed' },
  );
  await createVisitRecord(
    q,
    {
      patientId: john,
      visitAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      notes: 'Itchy dry patches on both elbows for two months. Well-demarcated plaques with silvery scale.',
      diagnoses: [{ code: 'L40.0', description: 'Psoriasis vulgaris' }],
      prescriptions: [
        {
          drug: 'Clobetasol propionate 0.05% cream',
          dose: 'thin layer',
          route: 'topical',
          frequency: 'twice a day',
          duration: '2 weeks',
        },
      ],
    },
    { doctorId: emily, reason: 'demo seed' },
  );
};
