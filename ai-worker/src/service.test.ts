import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiAuditEntry } from './audit.ts';
import { generateEvalSet } from './eval/generate.ts';
import { createAiService } from './service.ts';
import { extractPdfText } from './summarize/pdf.ts';
import { startFakeLlm, type RecordedRequest } from './testing/fake-llm.ts';

let fake: Awaited<ReturnType<typeof startFakeLlm>> | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const triageReply = (priority: string) =>
  JSON.stringify({
    priority,
    reasons: ['model reason'],
    suggestedSpecialty: 'pulmonology',
    confidence: 0.66,
  });
const summaryReply = JSON.stringify({
  summary: 'Haemoglobin is low; the rest is normal.',
  keyFindings: ['Low haemoglobin'],
  abnormalValues: [
    { name: 'Hemoglobin', value: '10.2', unit: 'g/dL', referenceRange: '13.0 - 17.0', flag: 'low' },
  ],
  followUpNeeded: true,
});
function replyFor(r: RecordedRequest): string {
  const sys = JSON.stringify(r.body.messages?.[0] ?? '');
  return sys.includes('triage') ? triageReply('routine') : summaryReply;
}

async function pdf(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(10);
  for (const l of lines) doc.text(l);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const REPORT = [
  'Sunrise Diagnostics — Complete Blood Count',
  'Patient Name: Tejaswini Gokhale   Age: 34 Yrs   UHID: SGH-2024-118822',
  'Mobile: +91 98450 12345   Email: tejaswini.g@proton.me',
  'Address: Flat 7C, Lake View Towers, 9th Cross, Kothrud, Pune 411004',
  'Ref. By: Dr. Bhuvanesh Hegde',
  'Hemoglobin 10.2 g/dL 13.0 - 17.0',
  'Total WBC count 7600 /cumm 4000 - 11000',
  'Platelet count 2.1 lakh/cumm 1.5 - 4.5',
  'TSH 6.8 uIU/mL 0.4 - 4.0',
  'Impression: Mild anaemia. Suggest iron studies and follow-up in 4 weeks.',
];
const PROFILE = {
  name: 'Tejaswini Gokhale',
  email: 'tejaswini.g@proton.me',
  phone: '9845012345',
  address: 'Flat 7C, Lake View Towers, 9th Cross, Kothrud, Pune 411004',
};
const LEAK_STRINGS = [
  'Tejaswini',
  'Gokhale',
  'tejaswini.g',
  '98450',
  '12345',
  'Lake View',
  'Kothrud',
  '411004',
  'SGH-2024-118822',
  'Bhuvanesh',
  'Hegde',
];

describe('AI service', () => {
  it('never sends PII from the input to the model (triage + PDF summary + generated notes)', async () => {
    fake = await startFakeLlm((r) => ({ content: replyFor(r) }));
    const audits: AiAuditEntry[] = [];
    const ai = createAiService(
      { GROQ_API_KEY: 'k', GROQ_BASE_URL: fake.url, AI_TIMEOUT_MS: 2000 },
      { onAudit: (e) => void audits.push(e) },
    );
    expect(ai.mode).toBe('llm');

    const t = await ai.triage(
      {
        symptoms:
          'Hi, I am Tejaswini Gokhale (tejaswini.g@proton.me, 98450 12345). Cough and mild fever for 2 days. My husband Dhruv Gokhale has the same.',
        age: 34,
        sex: 'female',
      },
      { userId: 'u1', knownPii: PROFILE },
    );
    expect(t.source).toBe('llm');
    const s = await ai.summarizeReport(await pdf(REPORT), {
      userId: 'u1',
      recordId: 'rec-9',
      knownPii: PROFILE,
    });
    expect(s.ok).toBe(true);

    // Generated notes with their own profiles: every profile value and labelled ID must be gone.
    const notes = generateEvalSet({ perSplit: 12, blindCount: 0 });
    let llmCalls = 0;
    for (const n of notes)
      if (
        (await ai.triage({ symptoms: n.text.slice(0, 3900), age: 50 }, { knownPii: n.knownPii })).source ===
        'llm'
      )
        llmCalls++;

    // Rules answer emergencies without the model, so not every note makes a request.
    expect(llmCalls).toBeGreaterThan(notes.length / 2);
    expect(fake.requests.length).toBe(2 + llmCalls);
    const bodies = fake.requests.map((r) => r.rawBody).join('\n');
    const bodyDigits = fake.requests.map((r) => r.rawBody.replace(/\D/g, ''));
    for (const leak of LEAK_STRINGS) expect(bodies).not.toContain(leak);
    for (const n of notes) {
      for (const v of [n.knownPii.email!, ...n.knownPii.name!.split(' ')]) expect(bodies).not.toContain(v);
      const digits = n.knownPii.phone!.replace(/\D/g, '').slice(-10);
      for (const d of bodyDigits) expect(d).not.toContain(digits);
    }
    // Audit entries carry no text at all.
    expect(audits.length).toBeGreaterThanOrEqual(2);
    for (const a of audits) for (const leak of LEAK_STRINGS) expect(JSON.stringify(a)).not.toContain(leak);
    expect(audits.find((a) => a.operation === 'summarize')).toMatchObject({
      userId: 'u1',
      recordId: 'rec-9',
      mode: 'llm',
      outcome: 'ok',
      model: 'llama-3.3-70b-versatile',
    });
    await ai.close();
  });

  it('keeps the rules priority when the model answers lower, and answers emergencies without the model', async () => {
    fake = await startFakeLlm(() => ({ content: triageReply('routine') }));
    const ai = createAiService({ GROQ_API_KEY: 'k', GROQ_BASE_URL: fake.url });
    const urgent = await ai.triage({ symptoms: 'breathless on walking for 2 days', age: 50 });
    expect(urgent).toMatchObject({
      priority: 'urgent',
      source: 'llm',
      suggestedSpecialty: 'pulmonology',
      promptVersion: expect.any(String),
    });
    const e = await ai.triage({ symptoms: 'chest pain radiating to my left arm and sweating', age: 58 });
    expect(e).toMatchObject({ priority: 'emergency', source: 'rules', action: 'call_emergency_services' });
    expect(fake.requests).toHaveLength(1);
    await ai.close();
  });

  it('lets the model raise a routine answer, never lower a red flag or the safety net (issue #14, item 7)', async () => {
    fake = await startFakeLlm((r) => {
      const user = JSON.stringify(r.body.messages?.[1] ?? '');
      return { content: triageReply(user.includes('rash') ? 'emergency' : 'routine') };
    });
    const ai = createAiService({ GROQ_API_KEY: 'k', GROQ_BASE_URL: fake.url });
    // Rules say routine, the model says emergency: the patient is sent to emergency services.
    const raised = await ai.triage({ symptoms: 'itchy rash on both arms for a week', age: 30 });
    expect(raised).toMatchObject({
      priority: 'emergency',
      source: 'llm',
      action: 'call_emergency_services',
      suggestedSpecialty: 'emergency_medicine',
    });
    // The safety net made it urgent; a "routine" model keeps it urgent and the cue codes travel on.
    const net = await ai.triage({ symptoms: 'felt a sudden sharp twinge in my knee while walking', age: 40 });
    expect(net).toMatchObject({ priority: 'urgent', source: 'llm', unmatchedSeverityCues: ['sudden'] });
    expect(net.redFlags.map((f) => f.code)).toContain('unexplained_severity_cue');
    // An urgent red flag stays, with its reason first.
    const flagged = await ai.triage({ symptoms: 'my calf is swollen and red, breathing is fine', age: 45 });
    expect(flagged).toMatchObject({ priority: 'urgent', source: 'llm' });
    expect(flagged.redFlags.map((f) => f.code)).toEqual(['possible_dvt']);
    expect(flagged.reasons[0]).toBe('Swollen, painful calf');
    expect(fake.requests).toHaveLength(3);
    await ai.close();
  });

  it.each([
    ['bad JSON', () => ({ content: 'not json' })],
    [
      'wrong enum',
      () => ({
        content: JSON.stringify({ priority: 'SEVERE', reasons: [], suggestedSpecialty: 'x', confidence: 2 }),
      }),
    ],
    ['timeout', () => ({ hangMs: 2000 })],
  ] as const)('falls back to rules on %s and audits the fallback', async (_n, reply) => {
    fake = await startFakeLlm(reply);
    const audits: AiAuditEntry[] = [];
    const ai = createAiService(
      { GROQ_API_KEY: 'k', GROQ_BASE_URL: fake.url, AI_TIMEOUT_MS: 300 },
      { onAudit: (a) => void audits.push(a) },
    );
    const r = await ai.triage({ symptoms: 'itchy rash on arms', age: 30 });
    expect(r).toMatchObject({ source: 'rules', priority: 'routine', suggestedSpecialty: 'dermatology' });
    expect(fake.requests).toHaveLength(2);
    expect(audits).toEqual([expect.objectContaining({ outcome: 'fallback', mode: 'rules', attempts: 2 })]);
    await ai.close();
  });

  it('without a key: rules triage, extractive summary with abnormal values from the printed ranges', async () => {
    const progress: string[] = [];
    const ai = createAiService({});
    expect(ai.mode).toBe('rules');
    expect((await ai.triage({ symptoms: 'fever and cough', age: 30 })).source).toBe('rules');
    const r = await ai.summarizeReport(await pdf(REPORT), {
      userId: 'u2',
      knownPii: PROFILE,
      onProgress: (p) => progress.push(p.stage),
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.summary.source).toBe('extractive');
    expect(r.summary.abnormalValues.map((a) => [a.name, a.flag])).toEqual([
      ['Hemoglobin', 'low'],
      ['TSH', 'high'],
    ]);
    expect(r.summary.followUpNeeded).toBe(true);
    expect(r.summary.summary).toContain('2 of 4 measured values');
    for (const leak of LEAK_STRINGS) expect(JSON.stringify(r.summary)).not.toContain(leak);
    expect(progress).toEqual(['extracting', 'redacting', 'done']);
    await ai.close();
  });

  it('enforces the per-user hourly summary quota', async () => {
    let now = new Date('2025-01-01T10:00:00Z');
    const ai = createAiService({ AI_SUMMARY_QUOTA_PER_HOUR: 2 }, { now: () => now });
    expect((await ai.summarizeReport('Hb 10 g/dL 12 - 16', { userId: 'q' })).ok).toBe(true);
    expect((await ai.summarizeReport('Hb 10 g/dL 12 - 16', { userId: 'q' })).ok).toBe(true);
    expect(await ai.summarizeReport('Hb 10 g/dL 12 - 16', { userId: 'q' })).toMatchObject({
      ok: false,
      error: 'quota_exceeded',
    });
    expect((await ai.summarizeReport('Hb 10 g/dL 12 - 16', { userId: 'other' })).ok).toBe(true);
    now = new Date('2025-01-01T11:00:01Z');
    expect((await ai.summarizeReport('Hb 10 g/dL 12 - 16', { userId: 'q' })).ok).toBe(true);
    await ai.close();
  });

  it('honours feature flags and refuses images without a vision model', async () => {
    const ai = createAiService({ AI_FEATURE_SUMMARIZE: 'false' } as never);
    expect(await ai.summarizeReport('x')).toEqual({ ok: false, error: 'disabled' });
    const ai2 = createAiService({});
    expect(
      await ai2.summarizeReport({ kind: 'image', data: new Uint8Array([1, 2, 3]), mimeType: 'image/png' }),
    ).toEqual({ ok: false, error: 'unsupported_input' });
  });

  it('extracts text from a multi-page PDF made by pdfkit', async () => {
    const doc = await pdf([
      'Page one line',
      ...Array.from({ length: 90 }, (_, i) => `Row ${i} value ${i * 2}`),
      'Final impression: normal study',
    ]);
    const t = await extractPdfText(doc);
    expect(t.pages).toBeGreaterThan(1);
    expect(t.text).toContain('Page one line');
    expect(t.text).toContain('Row 89 value 178');
    expect(t.text).toContain('Final impression: normal study');
    expect(t.confidence).toBeGreaterThan(0.9);
  });
});
