import { describe, expect, it } from 'vitest';
import { onboardingState, reviewAllowed, type OnboardingFacts } from './domain.ts';

const all: OnboardingFacts = {
  hasProfile: true,
  hasCredentials: true,
  hasPhoto: true,
  hasHours: true,
  verified: false,
  reviewStatus: 'pending',
};

describe('onboarding state', () => {
  it('lists what is missing, in order, and is pending once nothing is', () => {
    expect(
      onboardingState({
        ...all,
        hasProfile: false,
        hasCredentials: false,
        hasPhoto: false,
        hasHours: false,
        reviewStatus: null,
      }),
    ).toEqual({
      state: 'incomplete',
      missing: ['profile', 'credentials', 'photo', 'hours'],
    });
    expect(onboardingState({ ...all, hasPhoto: false })).toEqual({ state: 'incomplete', missing: ['photo'] });
    expect(onboardingState(all)).toEqual({ state: 'pending_verification', missing: [] });
  });
  it('verified and rejected are the admin’s word', () => {
    expect(onboardingState({ ...all, hasPhoto: false, verified: true }).state).toBe('verified');
    expect(onboardingState({ ...all, reviewStatus: 'rejected' }).state).toBe('rejected');
  });
  it('an admin verifies against a registration and a profile, and never re-verifies', () => {
    expect(reviewAllowed('verify', { state: 'pending_verification', missing: [] })).toEqual({ ok: true });
    expect(reviewAllowed('verify', { state: 'incomplete', missing: ['photo'] })).toEqual({ ok: true });
    expect(reviewAllowed('verify', { state: 'incomplete', missing: ['credentials'] })).toMatchObject({
      code: 'CREDENTIALS_MISSING',
    });
    expect(reviewAllowed('reject', { state: 'incomplete', missing: ['credentials'] })).toEqual({ ok: true });
    expect(reviewAllowed('reject', { state: 'verified', missing: [] })).toMatchObject({
      code: 'ALREADY_VERIFIED',
    });
  });
});
