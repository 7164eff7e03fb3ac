import type { Bus } from '@telehealth/signaling';
import type { Db, Queryable, TxQueryable } from '@telehealth/platform/db/index';
import type { Logger } from '../observability/logger.ts';
import type { Gateway, GatewayName } from './gateways/types.ts';
import type { RefundDestination } from './policy.ts';

// What payments needs from outside: booking's appointments, the gateways and the app's services.

/** What payments needs to know about an appointment (booking owns the table). */
export interface AppointmentForPayment {
  id: string;
  patientId: string;
  priceMinor: number;
  currency: string;
  startsAt: Date;
  /** payable: a live pending hold; confirmed: already paid; gone: expired hold / cancelled. */
  state: 'payable' | 'confirmed' | 'gone';
  description: string;
}

export interface BookingPort {
  load(q: Queryable, appointmentId: string): Promise<AppointmentForPayment | undefined>;
  /**
   * Confirms the appointment on the caller's transaction. A late payment may confirm an appointment
   * whose hold expired as long as the slot is still free; `ok: false` when it cannot be confirmed.
   */
  confirm(
    q: TxQueryable,
    appointmentId: string,
    paymentId: string,
  ): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export interface GatewayRegistry {
  get(name: GatewayName): Gateway | undefined;
  /** The gateway that serves this currency, and whether it is configured. */
  forCurrency(currency: string): { name: GatewayName; gateway: Gateway | undefined };
}

export interface PaymentsDeps {
  db: Db;
  log: Logger;
  gateways: GatewayRegistry;
  booking: BookingPort;
  publicUrl: string;
  refundDestination: RefundDestination;
  reconcileAfterMinutes: number;
  /** Live in-app notifications (payment received / booking confirmed); absent in some tests. */
  bus?: Bus;
}

/** Work that must happen after the commit (network calls to a gateway). */
export type FollowUp =
  { kind: 'submit_refund'; refundId: string } | { kind: 'cancel_charge'; gateway: GatewayName; ref: string };
