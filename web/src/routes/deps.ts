/**
 * Keys for `depends()`: a load declares what it read, and a page invalidates that key after a
 * change so only the loads that read it run again (not every load on the page, as invalidateAll).
 */
export const DEPS = {
  /** The session: when it ends, the root layout and every load below it (the guards) run again. */
  session: 'app:session',
  appointment: 'app:appointment',
  agenda: 'app:agenda',
  appointments: 'app:appointments',
  visit: 'app:visit',
  doctorApplications: 'app:doctor-applications',
  emergencyAccess: 'app:emergency-access',
  mailbox: 'app:mailbox',
  patientRecords: 'app:patient-records',
  records: 'app:records',
  /** The wallet's balances and history (a top-up settled, a payment or refund moved money). */
  wallet: 'app:wallet',
} as const;
