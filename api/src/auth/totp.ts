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

const PERIOD_S = 30;

/**
 * The time step a code belongs to, accepting the current step and one either side for clock drift;
 * null when the code matches none. A step, not a boolean: each step's code is good once, and the
 * caller records the step it accepted.
 */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, window: 1, timestamp: at.getTime() });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PERIOD_S) + delta;
}

/** The code for the step `steps` away from the one containing `at` (tests and the demo). */
export const currentTotp = (secretBase32: string, at = Date.now(), steps = 0) =>
  totp(secretBase32).generate({ timestamp: at + steps * PERIOD_S * 1000 });

/** Ten single-use recovery codes like `k3f9-2mxq`. */
export function newBackupCodes(n = 10): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: n }, () => {
    const b = randomBytes(8);
    const s = Array.from(b, (x) => alphabet[x % alphabet.length]).join('');
    return `${s.slice(0, 4)}-${s.slice(4)}`;
  });
}
