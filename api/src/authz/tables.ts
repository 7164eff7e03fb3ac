/** Every domain's rows in one place: the routes and the socket request types. */
import { socketAuthz } from './socket-table.ts';
import { adminAuthz } from '../admin/authz.ts';
import { aiAuthz } from '../ai/authz.ts';
import { auditAuthz } from '../audit/authz.ts';
import { authAuthz } from '../auth/authz.ts';
import { availabilityAuthz } from '../availability/authz.ts';
import { bookingAuthz } from '../booking/authz.ts';
import { callSocketAuthz, consultationsAuthz } from '../consultations/authz.ts';
import { doctorsAuthz } from '../doctors/authz.ts';
import { familyAuthz } from '../family/authz.ts';
import { moderationAuthz } from '../moderation/authz.ts';
import { notificationsAuthz } from '../notifications/authz.ts';
import { onboardingAuthz } from '../onboarding/authz.ts';
import { paymentsAuthz } from '../payments/authz.ts';
import { profileAuthz } from '../profile/authz.ts';
import { ratingsAuthz } from '../ratings/authz.ts';
import { recordsAuthz } from '../records/authz.ts';
import { recordsAccessAuthz } from '../records-access/authz.ts';
import type { RouteAuthzTable, SocketAuthzTable } from './types.ts';
import { mergeTables } from './walk.ts';

export const routeAuthz: RouteAuthzTable = mergeTables({
  auth: authAuthz,
  doctors: doctorsAuthz,
  admin: adminAuthz,
  availability: availabilityAuthz,
  booking: bookingAuthz,
  ai: aiAuthz,
  records: recordsAuthz,
  audit: auditAuthz,
  payments: paymentsAuthz,
  consultations: consultationsAuthz,
  notifications: notificationsAuthz,
  ratings: ratingsAuthz,
  onboarding: onboardingAuthz,
  recordsAccess: recordsAccessAuthz,
  family: familyAuthz,
  profile: profileAuthz,
  moderation: moderationAuthz,
});

/** The built-in requests, then the calls (which end with leaving A's room). */
export const socketAuthzTable: SocketAuthzTable = mergeTables({
  signaling: socketAuthz,
  calls: callSocketAuthz,
});
