import { describe, expect, it } from 'vitest';
import { receiptEmail, receiptLink, receiptNumber, refundEmail } from './emails.ts';

const base = {
  name: 'Priya',
  paymentId: '3f2a9c1e-0000-4000-8000-000000000001',
  what: 'a consultation with Dr. Asha Rao on Monday, March 15, 2027 at 9:00 AM (Asia/Kolkata)',
  currency: 'INR',
  link: receiptLink('3f2a9c1e-0000-4000-8000-000000000001', 'https://th.example/')!,
};
const count = (s: string, x: string) => s.split(x).length - 1;

describe('receipt e-mails', () => {
  it('state the amount once, the time as given (the patient’s zone) and link to the receipt page', () => {
    const m = receiptEmail({ ...base, amountMinor: 50_000, walletMinor: 50_000, gatewayMinor: 0 });
    expect(count(m.text, '₹500.00')).toBe(1);
    expect(m.subject).not.toContain('₹');
    expect(m.subject).toBe('Receipt TH-3F2A9C1E from Telehealth Hub');
    expect(m.text).toContain('(Asia/Kolkata)');
    expect(m.text).toContain('paid from your Telehealth Hub wallet');
    expect(m.text).toContain(`Receipt number: ${receiptNumber(base.paymentId)}`);
    expect(base.link).toBe('https://th.example/wallet/receipts/3f2a9c1e-0000-4000-8000-000000000001');
    expect(m.html).toContain(`href="${base.link}"`);
  });
  it('a split payment names each part, and the total once', () => {
    const m = receiptEmail({ ...base, amountMinor: 50_000, walletMinor: 20_000, gatewayMinor: 30_000 });
    expect(count(m.text, '₹500.00')).toBe(1);
    expect(m.text).toContain('₹200.00 came from your wallet and ₹300.00 by card.');
  });
  it('a refund links to the receipt when the origin is known, and has no dead link otherwise', () => {
    const r = {
      name: 'Priya',
      paymentId: base.paymentId,
      currency: 'INR',
      walletMinor: 100,
      gatewayMinor: 0,
      reason: 'Cancelled.',
    };
    expect(refundEmail({ ...r, link: base.link }).text).toContain(base.link);
    const none = refundEmail({ ...r, link: undefined });
    expect(none.html).not.toContain('href=');
    expect(none.text).not.toContain('View the receipt');
  });
});

describe('payment e-mails in the patient’s language', () => {
  it('a Hindi receipt: Hindi words, Indian digit grouping, the receipt number', () => {
    const m = receiptEmail({
      name: 'सुनीता',
      paymentId: '3f2a9c1e-0000-4000-8000-000000000001',
      what: 'परामर्श',
      currency: 'INR',
      amountMinor: 12_345_600,
      walletMinor: 12_345_600,
      gatewayMinor: 0,
      link: 'https://th.example/wallet/receipts/x',
      locale: 'hi',
    });
    expect(m.subject).toBe('टेलीहेल्थ हब से रसीद TH-3F2A9C1E');
    expect(m.text).toContain('नमस्ते सुनीता,');
    expect(m.text).toContain('₹1,23,456.00');
    expect(m.text).toContain('वॉलेट से हुआ');
    expect(m.text.replace('https://th.example/wallet/receipts/x', '')).not.toMatch(
      /\b(Hello|Receipt|wallet|View)\b/,
    );
  });
});

describe('refund e-mails in the patient’s language', () => {
  it('a reason the payments service wrote is translated; one someone typed stays as written', () => {
    const base = {
      name: 'सुनीता',
      paymentId: '3f2a9c1e-0000',
      currency: 'INR',
      walletMinor: 50_000,
      gatewayMinor: 0,
    };
    const m = refundEmail({ ...base, reason: 'Your appointment was cancelled by the doctor.', locale: 'hi' });
    expect(m.text).toContain('आपकी अपॉइंटमेंट डॉक्टर ने रद्द कर दी।');
    expect(m.text).toContain('₹500.00 अब आपके टेलीहेल्थ हब वॉलेट में वापस आ गए हैं।');
    expect(m.subject).toBe('₹500.00 का रिफ़ंड');
    expect(refundEmail({ ...base, reason: 'Goodwill gesture', locale: 'hi' }).text).toContain(
      'Goodwill gesture',
    );
  });
});
