import { registerAiRoutes } from './ai/routes.ts';
import { registerSummaryRoutes } from './ai/summaries.ts';
import type { RouteModule } from './app.ts';
import type { UserCreatedHook } from './context.ts';
import { registerBookingRoutes, seedBookingDemo } from './booking/index.ts';
import { registerConsultationRoutes } from './consultations/routes.ts';
import { registerFamilyRoutes } from './family/routes.ts';
import { registerNotificationRoutes } from './notifications/routes.ts';
import { registerPaymentRoutes } from './payments/routes.ts';
import { registerProfileRoutes } from './profile/routes.ts';
import { createPaymentsService, paymentsDeps, type PaymentsOptions } from './payments/service.ts';
import { registerModerationRoutes } from './moderation/routes.ts';
import { registerRatingRoutes } from './ratings/routes.ts';
import { registerOnboardingRoutes } from './onboarding/routes.ts';
import { seedOnboardingDemo } from './onboarding/seed.ts';
import { registerRecordsAccessRoutes } from './records-access/routes.ts';
import { creditPromotion, demoCreditFor, seedDemoWallets } from './payments/wallet.ts';
import type { DemoSeeder } from './seed/demo.ts';
import { registerRecordsRoutes, seedRecordsDemo } from './records/index.ts';

/**
 * Booking and payments, built together: payments confirms appointments through booking, and a
 * cancellation that owes money refunds through payments, handed to booking as its hooks.
 */
export function bookingAndPayments(opts: PaymentsOptions = {}): RouteModule {
  return (route, ctx) => {
    const payments = createPaymentsService(paymentsDeps(ctx, opts));
    registerBookingRoutes(route, ctx, { hooks: payments.bookingHooks });
    registerPaymentRoutes(route, ctx, payments, opts);
  };
}

/**
 * The domains beyond accounts, doctors and admin (booking, payments, records, ...): each adds its
 * route registration here, and its demo data, if any, to domainSeeders.
 */
export const domainModules: RouteModule[] = [
  bookingAndPayments(),
  registerAiRoutes,
  registerSummaryRoutes,
  registerRecordsRoutes,
  registerConsultationRoutes,
  registerNotificationRoutes,
  registerRatingRoutes,
  registerOnboardingRoutes,
  registerRecordsAccessRoutes,
  registerFamilyRoutes,
  registerProfileRoutes,
  registerModerationRoutes,
];

export const domainSeeders: DemoSeeder[] = [
  seedBookingDemo,
  seedRecordsDemo,
  seedDemoWallets,
  seedOnboardingDemo,
];

/**
 * On demo instances (SEED_DEMO) a new patient gets the same welcome credit as the demo patients,
 * in the currency of the zone they signed up from, so the wallet path can be tried at once.
 */
export const demoSignupHooks: UserCreatedHook[] = [
  async (q, user) => {
    if (user.role !== 'patient') return;
    const c = demoCreditFor(user);
    await creditPromotion(q, user.id, c.currency, c.amountMinor, 'Welcome credit (demo)');
  },
];
