import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

const spans = (text: string, r: ReturnType<typeof redact>) =>
  r.entities.map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

describe('redact', () => {
  it('replaces PII with consistent typed placeholders and keeps clinical content', () => {
    const text =
      'Patient Name: Ravi Kumar  MRN: 88213345\nPh: +91 98765 43210, email ravi.k@gmail.com\n' +
      'Mr. Kumar presented on 12/03/2024 with chest pain. Started Metformin 500 mg BD. Hb 10.2 g/dL (13.0-17.0). BP 140/90. ' +
      'Wife Sunita called from 98765-43210.';
    const r = redact(text);
    expect(spans(text, r)).toEqual([
      'NAME:Ravi Kumar',
      'ID:88213345',
      'PHONE:+91 98765 43210',
      'EMAIL:ravi.k@gmail.com',
      'NAME:Kumar',
      'DATE:12/03/2024',
      'NAME:Sunita',
      'PHONE:98765-43210',
    ]);
    // Same person, same placeholder; same number written differently, same placeholder.
    expect(r.text).toContain('Mr. [NAME_1] presented');
    expect(r.text).toContain('Wife [NAME_2] called from [PHONE_1]');
    for (const keep of ['Metformin 500 mg BD', 'Hb 10.2 g/dL (13.0-17.0)', 'BP 140/90', 'chest pain'])
      expect(r.text).toContain(keep);
    // Offsets point into the original text.
    for (const e of r.entities) expect(e.end).toBeGreaterThan(e.start);
  });

  it('finds identifiers, US formats, URLs, IPs and ages over 89 only', () => {
    const text =
      'Dolores Okonkwo, a 93-year-old, SSN 123-45-6789, Aadhaar 2345 6789 0123, PAN ABCPK1234F, passport K1234567. ' +
      'Lives at 1420 Maple Avenue, Springfield, IL 62704. Call (217) 555-0134. Portal https://portal.example.org/p/991 from 10.1.2.3. ' +
      'Her daughter is 64 years old.';
    const got = spans(text, redact(text));
    expect(got).toEqual(
      expect.arrayContaining([
        'NAME:Dolores Okonkwo',
        'AGE:93',
        'ID:123-45-6789',
        'ID:2345 6789 0123',
        'ID:ABCPK1234F',
        'ID:K1234567',
        'ADDRESS:1420 Maple Avenue, Springfield, IL 62704',
        'PHONE:(217) 555-0134',
        'URL:https://portal.example.org/p/991',
        'IP:10.1.2.3',
      ]),
    );
    expect(got.some((g) => g.includes('64'))).toBe(false);
  });

  it('handles lowercase chat and does not mistake eponyms or drugs for names', () => {
    const text =
      "hi dr mehta my mom kamala has Parkinson's disease, on Levodopa 100 mg and Dolo 650. thanks, anjali";
    const r = redact(text);
    expect(spans(text, r)).toEqual(['NAME:mehta', 'NAME:kamala', 'NAME:anjali']);
    expect(r.text).toContain("Parkinson's disease");
  });

  it('always redacts the patient profile values, however they are written', () => {
    const text =
      'RAVI here. mail me at ravi.kumar88 (same as profile). my no is 98765.43210, house near sai residency, indiranagar';
    const r = redact(text, {
      knownPii: {
        name: 'Ravi Kumar',
        email: 'ravi.kumar88@gmail.com',
        phone: '+91 98765 43210',
        address: 'Flat 4B, Sai Residency, Indiranagar, Bengaluru 560038',
      },
    });
    const got = spans(text, r);
    expect(got).toEqual(
      expect.arrayContaining([
        'NAME:RAVI',
        'EMAIL:ravi.kumar88',
        'PHONE:98765.43210',
        'ADDRESS:house near sai residency, indiranagar',
      ]),
    );
    expect(r.text.toLowerCase()).not.toMatch(/ravi|98765|43210|residency|indiranagar/);
  });

  it('returns the text unchanged when there is nothing to redact', () => {
    const text = 'Fever 101F for 2 days, cough, no breathlessness. Paracetamol 500 mg SOS.';
    expect(redact(text)).toEqual({ text, entities: [] });
  });
});
