import { Secret, TOTP } from 'otpauth';
import { randomBytes } from 'node:crypto';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'account') {
  return new TOTP({
    issuer: 'Telehealth Hub',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

export const totpUri = (secretBase32: string, label: string) => totp(secretBase32, label).toString();

/** Accepts the current code and one step either side for clock drift. */
export function checkTotp(secretBase32: string, code: string): boolean {
  return /^\d{6}$/.test(code) && totp(secretBase32).validate({ token: code, window: 1 }) !== null;
}

export const currentTotp = (secretBase32: string) => totp(secretBase32).generate();

/** Ten single-use recovery codes like `k3f9-2mxq`. */
export function newBackupCodes(n = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: n }, () => {
    const b = randomBytes(8);
    const s = Array.from(b, (x) => alphabet[x % alphabet.length]).join('');
    return `${s.slice(0, 4)}-${s.slice(4)}`;
  });
}
