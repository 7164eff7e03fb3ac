import { describe, expect, it } from 'vitest';
import { accountExistsMessage, render } from './templates.ts';

describe('account e-mails in the recipient’s language', () => {
  it('the sign-up code in Hindi: words, the plural of minutes, the frame', () => {
    const m = render({
      kind: 'registration_otp',
      name: 'सुनीता',
      code: '123456',
      ttlMinutes: 10,
      locale: 'hi',
    });
    expect(m.subject).toBe('123456 आपका टेलीहेल्थ हब सत्यापन कोड है');
    expect(m.text).toContain('नमस्ते सुनीता,');
    expect(m.text).toContain('यह 10 मिनट में समाप्त हो जाएगा।');
    expect(m.html).toContain('<html lang="hi">');
    expect(m.html).toContain('आपको यह ई-मेल आपके टेलीहेल्थ हब खाते पर हुई गतिविधि के कारण मिला है।');
    expect(m.text).not.toMatch(/\b(Hello|code|expires|minutes)\b/);
  });

  it('English by default, with "1 minute" and "10 minutes"', () => {
    expect(render({ kind: 'registration_otp', name: 'A', code: '1', ttlMinutes: 1 }).text).toContain(
      'It expires in 1 minute.',
    );
    const reset = render({ kind: 'password_reset', name: 'A', link: 'https://x/r', ttlMinutes: 30 });
    expect(reset.subject).toBe('Reset your Telehealth Hub password');
    expect(reset.text).toContain('expires in 30 minutes');
    expect(reset.html).toContain('<html lang="en">');
  });

  it('the "you already have an account" notice follows the account’s language', () => {
    const m = render(accountExistsMessage('https://x/login', 'hi'));
    expect(m.subject).toBe('आपका टेलीहेल्थ हब खाता पहले से मौजूद है');
    expect(m.text).toContain('साइन इन करें: https://x/login');
  });
});
