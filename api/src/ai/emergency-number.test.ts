import { describe, expect, it } from 'vitest';
import { emergencyNumberFor } from './emergency-number.ts';

describe('emergencyNumberFor()', () => {
  it('reads the country from the phone first, then the time zone', () => {
    expect(emergencyNumberFor({ phone: '+91 98765 43210', timezone: 'UTC' })).toBe('112');
    expect(emergencyNumberFor({ phone: '+44 7700-900123', timezone: 'Asia/Kolkata' })).toBe('999');
    expect(emergencyNumberFor({ phone: '+1 415 555 0100', timezone: 'UTC' })).toBe('911');
    expect(emergencyNumberFor({ phone: '+353 85 123 4567', timezone: 'UTC' })).toBe('112');
    expect(emergencyNumberFor({ phone: null, timezone: 'Asia/Calcutta' })).toBe('112');
    expect(emergencyNumberFor({ phone: null, timezone: 'Europe/London' })).toBe('999');
    expect(emergencyNumberFor({ phone: null, timezone: 'Europe/Berlin' })).toBe('112');
    expect(emergencyNumberFor({ phone: null, timezone: 'America/Chicago' })).toBe('911');
  });

  it('says nothing rather than guess when neither is known', () => {
    expect(emergencyNumberFor({ phone: null, timezone: 'UTC' })).toBeNull();
    expect(emergencyNumberFor({ phone: '+27 21 555 0100', timezone: 'Africa/Johannesburg' })).toBeNull();
    expect(emergencyNumberFor({})).toBeNull();
  });
});
