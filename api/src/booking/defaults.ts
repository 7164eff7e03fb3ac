import { DEFAULT_BOOKING_SETTINGS, type BookingDeps } from './service.ts';

let defaults: BookingDeps = { settings: DEFAULT_BOOKING_SETTINGS, now: () => new Date() };

/** Set by registerBookingRoutes from the app's config (links in emails, clock), used by confirmAppointment. */
export function configureBookingDefaults(d: BookingDeps) {
  defaults = d;
}
export const bookingDefaults = () => defaults;
