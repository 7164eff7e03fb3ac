/**
 * Where a doctor's application stands, from facts the database holds (pure). A doctor is bookable
 * and holds clinical powers once verified (is_verified_clinician); until then the application is
 * incomplete (something below is missing), pending verification, or rejected with a reason.
 */
export const OnboardingItems = ['profile', 'credentials', 'photo', 'hours'] as const;
export type OnboardingItem = (typeof OnboardingItems)[number];

export const OnboardingStates = ['incomplete', 'pending_verification', 'verified', 'rejected'] as const;
export type OnboardingState = (typeof OnboardingStates)[number];

export interface OnboardingFacts {
  hasProfile: boolean;
  hasCredentials: boolean;
  hasPhoto: boolean;
  hasHours: boolean;
  verified: boolean;
  reviewStatus: 'pending' | 'verified' | 'rejected' | null;
}

export function onboardingState(f: OnboardingFacts): { state: OnboardingState; missing: OnboardingItem[] } {
  const missing = OnboardingItems.filter(
    (i) => !{ profile: f.hasProfile, credentials: f.hasCredentials, photo: f.hasPhoto, hours: f.hasHours }[i],
  );
  // Verification is the admin's word: it stands even if, say, the photo was removed since.
  if (f.verified) return { state: 'verified', missing };
  if (f.reviewStatus === 'rejected') return { state: 'rejected', missing };
  return { state: missing.length ? 'incomplete' : 'pending_verification', missing };
}

export type ReviewDecision = 'verify' | 'reject';

/** Whether an admin may take `decision` on an application in this state (pure). */
export function reviewAllowed(
  decision: ReviewDecision,
  s: { state: OnboardingState; missing: readonly OnboardingItem[] },
): { ok: true } | { ok: false; code: string; message: string } {
  if (s.state === 'verified')
    return {
      ok: false,
      code: 'ALREADY_VERIFIED',
      message: 'This doctor is verified; withdraw the verification instead',
    };
  // Nothing to verify against without the registration; the rest a reviewer may waive.
  if (decision === 'verify' && s.missing.includes('credentials'))
    return { ok: false, code: 'CREDENTIALS_MISSING', message: 'The doctor has not given a registration yet' };
  if (decision === 'verify' && s.missing.includes('profile'))
    return { ok: false, code: 'PROFILE_MISSING', message: 'The doctor has no practice profile yet' };
  return { ok: true };
}
