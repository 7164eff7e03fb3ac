import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbFactories, type TestDb } from '@telehealth/platform/testing/db';
import { registerAvailabilityRoutes } from '../availability/routes.ts';
import { seedDemo } from '../seed/demo.ts';
import { startTestApp, type TestApp } from '../testing/app.ts';
import { createClient } from '../testing/client.ts';

// The demo directory: INR doctors at ₹500, ₹700 and ₹1,200; USD at $80, $90; GBP £60; JPY ¥12,000.
describe.each(Object.entries(testDbFactories))(
  'the fee filter names its currency on %s',
  (_kind, factory) => {
    let t: TestDb;
    let app: TestApp;
    beforeAll(async () => {
      t = await factory();
      await seedDemo(t.db);
      app = await startTestApp(t.db, { modules: [registerAvailabilityRoutes] });
    });
    afterAll(async () => {
      await app?.close();
      await t?.drop();
    });

    type Row = { name: string; feeMinor: number; currency: string };
    const list = async (path: string) => {
      const r = await createClient(app.url).get(path);
      expect(r.status).toBe(200);
      return (r.body.items as Row[]).map((d) => `${d.currency} ${d.feeMinor}`).sort();
    };

    for (const base of ['/api/v1/doctors', '/api/v1/search/doctors']) {
      it(`${base}: INR in paise, only INR doctors`, async () => {
        // ₹800 = 80,000 paise: Dr. Rao (₹500) and Dr. Iyer (₹700), not Dr. Mehta (₹1,200), and none of
        // the $80/$90 doctors whose 8,000/9,000 cents the old filter let through as "under 80,000".
        expect(await list(`${base}?currency=INR&maxFeeMinor=80000`)).toEqual(['INR 50000', 'INR 70000']);
      });

      it(`${base}: JPY has no minor unit`, async () => {
        expect(await list(`${base}?currency=JPY&maxFeeMinor=12000`)).toEqual(['JPY 12000']);
        expect(await list(`${base}?currency=JPY&maxFeeMinor=11999`)).toEqual([]);
      });

      it(`${base}: a currency alone lists that currency's doctors`, async () => {
        expect(await list(`${base}?currency=USD`)).toEqual(['USD 8000', 'USD 9000']);
      });

      it(`${base}: a ceiling without a currency is refused with the field to fix`, async () => {
        const r = await createClient(app.url).get(`${base}?maxFeeMinor=50000`);
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_FAILED');
        expect(r.body.error.details).toEqual([
          { path: 'query.currency', message: expect.stringContaining('minor units of a currency') },
        ]);
        const bad = await createClient(app.url).get(`${base}?currency=rupees&maxFeeMinor=5`);
        expect(bad.status).toBe(400);
        expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['query.currency']);
      });
    }

    it('sorting by fee groups the currencies instead of mixing rupees and dollars', async () => {
      const r = await createClient(app.url).get('/api/v1/search/doctors?sort=fee&pageSize=100');
      const seen = (r.body.items as Row[]).map((d) => d.currency);
      // Each currency is one run: once it ends, it never comes back.
      const runs = seen.filter((c, i) => i === 0 || c !== seen[i - 1]);
      expect(new Set(runs).size).toBe(runs.length);
      const inr = (r.body.items as Row[]).filter((d) => d.currency === 'INR').map((d) => d.feeMinor);
      expect(inr).toEqual([50000, 70000, 120000]);
    });

    it('GET /fee-currencies: the currencies doctors charge in, most doctors first', async () => {
      const r = await createClient(app.url).get('/api/v1/fee-currencies');
      expect(r.status).toBe(200);
      expect(r.body).toEqual([
        { currency: 'INR', doctors: 3 },
        { currency: 'USD', doctors: 2 },
        { currency: 'GBP', doctors: 1 },
        { currency: 'JPY', doctors: 1 },
      ]);
    });
  },
);
