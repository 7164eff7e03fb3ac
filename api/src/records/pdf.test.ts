import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { prescriptionPdf, visitSummaryPdf } from './pdf.ts';
import type { VisitRecord } from './schemas.ts';

/** The whole PDF a document streams. */
async function bytes(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of doc as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The text layer, as a reader's copy-paste or a screen reader gets it. */
async function textOf(doc: PDFKit.PDFDocument): Promise<string> {
  const parser = new PDFParse({ data: await bytes(doc) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

const rx = {
  id: '3f9c1a52-8d4e-4b6a-9c1f-2a7b8c9d0e1f',
  drug: 'Paracetamol',
  dose: '500 mg',
  route: 'oral',
  frequency: 'दिन में तीन बार',
  duration: '5 दिन',
  instructions: 'खाने के बाद',
} as const satisfies VisitRecord['prescriptions'][number];

const visit: VisitRecord = {
  id: '0b8e2a4c-1d3f-4e5a-8b6c-7d8e9f0a1b2c',
  patientId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  doctorId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
  doctorName: 'डॉ. आशा राव',
  appointmentId: null,
  visitAt: '2027-03-15T03:30:00.000Z',
  notes: 'तीन दिन से बुखार। आराम करें, पानी ज़्यादा पिएँ।',
  diagnoses: [{ code: 'R50.9', description: 'बुखार' }],
  vitals: { temperatureC: 38.4, pulseBpm: 96 },
  prescriptions: [rx],
  labResults: [],
  createdAt: '2027-03-15T04:00:00.000Z',
  emergencyGrantId: null,
};

/**
 * Devanagari is shaped: the text layer holds glyphs in visual order (the short i sign before its
 * consonant, a repha after its cluster), so it gives back the same letters, not always in typing
 * order. Lines are compared as multisets of letters.
 */
const letters = (s: string) => [...s.normalize('NFC').replace(/\s+/g, '')].sort().join('');
const count = (s: string) => {
  const m = new Map<string, number>();
  for (const c of s.normalize('NFC').replace(/\s+/g, '')) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
};
/** Some line of `text` holds every letter of `word` (as many times). */
const hasLetters = (text: string, word: string) =>
  text.split('\n').some((line) => {
    const have = count(line);
    return [...count(word)].every(([c, n]) => (have.get(c) ?? 0) >= n);
  });

describe('prescription PDF', () => {
  const patient = 'सुनीता शर्मा';

  it('prints a Devanagari name with its glyphs, not "?"', async () => {
    const text = await textOf(
      prescriptionPdf(visit, rx, { patientName: patient, timezone: 'Asia/Kolkata', locale: 'en' }),
    );
    expect(text).not.toContain('?');
    const line = text.split('\n').find((l) => l.startsWith('Patient:'));
    expect(line, text).toBeDefined();
    expect(letters(line!.replace('Patient:', ''))).toBe(letters(patient));
    expect(text).toContain('Drug: Paracetamol');
    for (const word of ['Prescription', 'Drug', 'Dose', 'By mouth']) expect(text).toContain(word);
  });

  it('is written in the patient’s language: Hindi labels and a Hindi date', async () => {
    const text = await textOf(
      prescriptionPdf(visit, rx, { patientName: patient, timezone: 'Asia/Kolkata', locale: 'hi' }),
    );
    expect(text).not.toContain('?');
    for (const english of ['Prescription', 'Patient', 'Doctor', 'Drug', 'Dose', 'Route', 'Generated'])
      expect(text).not.toContain(english);
    // Labels and the month come back with the letters they were written with.
    for (const hindi of ['पर्चा', 'दवा', 'खुराक', 'मार्च', 'मुँह से'])
      expect(hasLetters(text, hindi), hindi).toBe(true);
    expect(text).toContain('Paracetamol');
    expect(text).toContain('500 mg');
  });
});

describe('visit summary PDF', () => {
  it('prints Devanagari notes and diagnoses and translates the vitals', async () => {
    const text = await textOf(
      visitSummaryPdf(visit, { patientName: 'Priya Sharma', timezone: 'Asia/Kolkata', locale: 'hi' }),
    );
    expect(text).not.toContain('?');
    expect(text).toContain('Priya Sharma');
    expect(text).toContain('R50.9');
    for (const hindi of ['बुखार', 'तापमान', 'नाड़ी', 'निदान'])
      expect(hasLetters(text, hindi), hindi).toBe(true);
    expect(text).toMatch(/38[.,]4/);
  });

  it('an unknown zone falls back to UTC rather than failing the download', async () => {
    const text = await textOf(
      visitSummaryPdf(visit, { patientName: 'Priya Sharma', timezone: 'Mars/Olympus', locale: 'en' }),
    );
    expect(text).toContain('(UTC)');
  });
});
