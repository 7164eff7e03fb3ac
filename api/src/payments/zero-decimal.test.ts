import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPglite, type TestDb } from '@telehealth/platform/testing/db';
import { clientAs, makeDoctor, makePatients, slotIn } from '../booking/testing.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { bookingAndPayments } from '../modules.ts';
import { creditPromotion } from './wallet.ts';

// A zero-decimal currency end to end: ¥5,000 is 5000 minor units, and every message that shows
// money (booking confirmation and cancellation, payment receipt, refund notice) prints ¥5,000.
describe('JPY (no minor unit) in every message that shows money', () => {
  let t: TestDb;
  let app: TestApp;
  beforeAll(async () => {
    t = await createTestPglite();
    app = await startTestApp(t.db, {
      modules: [bookingAndPayments({ reconciler: false })],
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('booking confirmation, receipt, cancellation and refund e-mails print ¥5,000', async () => {
    const doctor = await makeDoctor(t.db, { feeMinor: 5_000, currency: 'JPY' });
    const [patient] = await makePatients(t.db, 1);
    await t.db.tx((q) => creditPromotion(q, patient!, 'JPY', 5_000));
    const c = await clientAs(app, patient!, 'patient');
    const a = await c.post('/api/v1/appointments', { doctorId: doctor, startsAt: slotIn(72).toISOString() });
    expect(a.status).toBe(201);
    const paid = await c.post(`/api/v1/appointments/${a.body.id}/pay`, { method: 'wallet' });
    expect(paid.body).toMatchObject({ status: 'succeeded', currency: 'JPY', amountMinor: 5_000 });
    const d = await clientAs(app, doctor, 'doctor');
    expect((await d.post(`/api/v1/appointments/${a.body.id}/cancel`, { reason: 'Unwell' })).status).toBe(200);

    while ((await app.flushEmails()) > 0);
    const mails = (
      await t.db.query<{ subject: string; text: string; html: string }>(
        `SELECT m.subject, m.text_body AS text, m.html FROM dev_mailbox m JOIN users u ON u.email = m.to_address
         WHERE u.id = $1 ORDER BY m.id`,
        [patient],
      )
    ).rows;
    const about = (pattern: RegExp) => {
      const m = mails.find((x) => pattern.test(x.subject));
      expect(m, `an e-mail whose subject matches ${pattern}`).toBeDefined();
      return m!;
    };
    const shown = [
      about(/confirmed/i), // the booking confirmation with its price
      about(/^Receipt/), // the payment receipt
      about(/cancel/i), // the cancellation, with the refund it owes
      about(/^Refund of/), // the refund notice
    ];
    for (const m of shown) {
      expect(m.text).toContain('¥5,000');
      expect(m.html).toContain('¥5,000');
      // Divided by 100 (the old payments formatter) it would read ¥50.
      expect(`${m.subject}\n${m.text}`).not.toMatch(/¥50(?![,\d])/);
    }
    expect(about(/^Refund of/).subject).toBe('Refund of ¥5,000');
  });
});
