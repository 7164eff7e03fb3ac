/**
 * The authorization matrix (issue 21): for every route of the OpenAPI document and every socket
 * message type, what each kind of caller gets. Each domain states its own rows next to its routes
 * (`api/src/<domain>/authz.ts`, the socket messages in `api/src/authz/socket-table.ts` and
 * `api/src/consultations/authz.ts`); `matrix.test.ts` walks all of them against a real server and
 * fails for any route or message type without a row.
 *
 * The object a row acts on belongs to patient A unless the row says otherwise: "patientOwn" is A,
 * "patientOther" is B acting on A's object, "doctorTreating" treats A (care/relationship.ts: an
 * appointment and a queue visit, plus A's all-records consent), "doctorUnrelated" is verified and
 * has nothing to do with A, "doctorUnverified" signed up as a doctor and was never verified.
 */
import type { TestClient } from '../testing/client.ts';

/**
 * The callers every row states an outcome for, in the order the walk runs them: the object's own
 * patient and doctor last, the doctor after the patient (a doctor may end what the patient is in).
 */
export const WalkedPrincipals = [
  'anonymous',
  'patientOther',
  'doctorUnverified',
  'doctorUnrelated',
  'admin',
  'patientOwn',
  'doctorTreating',
] as const;
/**
 * Facility staff (issue 16) do not exist yet: the column is part of the type so the rows can state
 * it once the role lands, and the walk skips it until a fixture can sign in as staff.
 */
export const PendingPrincipals = ['facilityStaff'] as const;
export type WalkedPrincipal = (typeof WalkedPrincipals)[number];
export type Principal = WalkedPrincipal | (typeof PendingPrincipals)[number];

/**
 * What a caller gets over HTTP:
 * - `ok`: 2xx/3xx (and, with `sees`, the object is in the answer);
 * - `filtered`: 2xx, but the answer leaves the object out (a list of one's own things);
 * - `allow`: past authorization (anything but 401/403/404 and 5xx): the request is refused for
 *   another reason (state, validation), which the row says;
 * - 401 / 403 / 404 (404: the object is hidden as if it did not exist), any code;
 * - `{ status, code }`: exactly that.
 */
export type HttpExpect = 'ok' | 'filtered' | 'allow' | 401 | 403 | 404 | { status: number; code?: string };

export type Outcomes<E> = Record<WalkedPrincipal, E> & { facilityStaff?: E };

/** One request. `path` is below /api/v1 with its parameters filled in. */
export interface HttpCall {
  path: string;
  body?: unknown;
  /** A non-JSON body (uploads, webhooks, probes). */
  raw?: { contentType: string; data: Uint8Array | string };
  headers?: Record<string, string>;
  /**
   * Acts as another account of the same kind: destructive rows (erasing one's account) give the
   * allowed caller a fresh target of their own.
   */
  as?: TestClient;
}

export interface HttpCase {
  /** Tells the cases of one route apart in failures. */
  name?: string;
  call: (w: World, p: WalkedPrincipal) => HttpCall | Promise<HttpCall>;
  /** Whether a 2xx answer contains the row's object (for `ok` / `filtered`). */
  sees?: (body: any, w: World, p: WalkedPrincipal) => boolean;
  expect: Outcomes<HttpExpect>;
}

/** Rows keyed `METHOD /path` exactly as the route is registered (`GET /records/visits/:id`). */
export type RouteAuthzTable = Record<string, HttpCase | readonly HttpCase[]>;

/**
 * What a caller gets over the socket. Anonymous callers never get a socket (the handshake refuses
 * them, which the walk checks once), so their column is always `refused`.
 * - `ok`: an ack (and, with `sees`, the object is in it); `filtered`: an ack without the object;
 * - `allow`: an ack or an error other than unauthorized / forbidden / not_found / not_subscribed;
 * - an error code: exactly that error.
 */
export type SocketExpect = 'ok' | 'filtered' | 'allow' | SocketErrorCode;
export type SocketErrorCode =
  | 'forbidden'
  | 'not_found'
  | 'not_subscribed'
  | 'unauthorized'
  | 'conflict'
  | 'invalid_state'
  | 'doctor_not_on_call'
  | 'doctor_not_verified'
  | 'no_appointment'
  | 'bad_request';
export type SocketOutcomes = Record<Exclude<WalkedPrincipal, 'anonymous'>, SocketExpect> & {
  anonymous: 'refused';
  facilityStaff?: SocketExpect;
};

export interface SocketCall {
  /** Topics to subscribe first (a refused subscription is part of the outcome only through the request). */
  subscribe?: string[];
  /** The request's own fields (the walk adds v, type and id). */
  msg: Record<string, unknown>;
  /** Sends from another socket of the same kind (a fresh target, like HttpCall.as). */
  as?: SocketActor;
}
export interface SocketCase {
  name?: string;
  call: (w: World, p: Exclude<WalkedPrincipal, 'anonymous'>) => SocketCall | Promise<SocketCall>;
  sees?: (data: any, w: World, p: Exclude<WalkedPrincipal, 'anonymous'>) => boolean;
  expect: SocketOutcomes;
}
/** Rows keyed by the request `type`. */
export type SocketAuthzTable = Record<string, SocketCase | readonly SocketCase[]>;

/** One open socket of a signed-in account. */
export interface SocketActor {
  userId: string;
  request(type: string, fields: Record<string, unknown>): Promise<SocketReply>;
  close(): void;
}
export type SocketReply = { ok: true; data: any } | { ok: false; code: string; message: string };

export interface Account {
  id: string;
  email: string;
  password: string;
  client: TestClient;
}

/**
 * The fixture world the rows are built from: accounts, the objects of patient A, and factories for
 * fresh targets. Built once through the real API (authz/world.ts).
 */
export interface World {
  url: string;
  /** The HTTP client of each caller (anonymous: no token). */
  clients: Record<WalkedPrincipal, TestClient>;
  sockets: Record<Exclude<WalkedPrincipal, 'anonymous'>, SocketActor>;
  accounts: Record<Exclude<WalkedPrincipal, 'anonymous'>, Account>;
  ids: {
    patientA: string;
    patientB: string;
    doctorUnverified: string;
    doctorUnrelated: string;
    doctorTreating: string;
    admin: string;
    /** A verified on-call doctor nobody in the matrix treats: walk-ins and queue reads land there. */
    doctorOnCall: string;
  };
  /** Patient A's objects (the treating doctor's where it is theirs). */
  a: {
    appointmentId: string;
    paymentId: string;
    triageId: string;
    fileId: string;
    visitId: string;
    prescriptionId: string;
    consentId: string;
    /** A's walk-in to the treating doctor: its queue entry, call room and the room's chat. */
    queueEntryId: string;
    roomId: string;
    conversationId: string;
    /** A pending emergency access to A's records by a third doctor (for the admin review row). */
    emergencyAccessId: string;
    /** An availability exception of the treating doctor. */
    exceptionId: string;
    /** A completed visit of A with the treating doctor, which A rated. */
    ratedAppointmentId: string;
  };
  fresh: {
    /** A new patient signed up through the API (welcome credit, like any demo sign-up). */
    patient(): Promise<Account>;
    /** A new appointment of A with the treating doctor, booked (and paid unless `pending`). */
    appointment(opts?: { pending?: boolean }): Promise<{ id: string; paymentId?: string }>;
    /** A new visit of A with the treating doctor, completed (as ending its call leaves it). */
    completedAppointment(): Promise<string>;
    /** A new open reschedule proposal of the treating doctor, on a fresh paid appointment of A. */
    proposal(): Promise<string>;
    /** A new free slot of a doctor (default: the treating doctor), at least two hours away. */
    slot(doctorId?: string): Promise<string>;
    /** A new self-registered doctor with a profile, never verified. */
    doctor(): Promise<Account>;
    /** A new file in A's records, uploaded by A. */
    file(): Promise<string>;
    /** A new consent of A for the treating doctor to one record. */
    consent(): Promise<string>;
    /** A new availability exception of the given doctor. */
    exception(doctor: TestClient): Promise<string>;
    /** A number no earlier call in this walk returned: unique names and dates for rows that create things. */
    seq(): number;
    /** A new pending emergency access (a third verified doctor, patient A). */
    emergencyAccess(): Promise<string>;
    /** A new admin break-glass of the world's admin over a throwaway patient. */
    breakGlass(): Promise<string>;
    /** A fresh patient waiting in the treating doctor's queue. */
    queueEntry(): Promise<{ entryId: string; patient: Account }>;
    /**
     * A fresh patient called from the treating doctor's queue, both in the call: for rows that end
     * or leave a call.
     */
    callRoom(): Promise<{ roomId: string; patient: Account; patientSocket: SocketActor }>;
    /** A socket of an account. */
    socketOf(account: Account): Promise<SocketActor>;
    /** Signs the account in again: a session of its own (logging out must not end the walk's). */
    session(account: Account): Promise<TestClient>;
  };
}

/** Every walked principal gets `e`, then `over` replaces some. */
export function outcomes(
  e: HttpExpect,
  over: Partial<Record<Principal, HttpExpect>> = {},
): Outcomes<HttpExpect> {
  return {
    anonymous: e,
    patientOther: e,
    doctorUnverified: e,
    doctorUnrelated: e,
    admin: e,
    doctorTreating: e,
    patientOwn: e,
    ...over,
  };
}

/** Socket rows: anonymous is always refused at the handshake. */
export function socketOutcomes(
  e: SocketExpect,
  over: Partial<Record<Exclude<Principal, 'anonymous'>, SocketExpect>> = {},
): SocketOutcomes {
  return {
    anonymous: 'refused',
    patientOther: e,
    doctorUnverified: e,
    doctorUnrelated: e,
    admin: e,
    doctorTreating: e,
    patientOwn: e,
    ...over,
  };
}

/** The usual shapes. */
export const only = {
  /** Signed-in only: anonymous 401, everyone else `e`. */
  authenticated: (e: HttpExpect, over: Partial<Record<Principal, HttpExpect>> = {}) =>
    outcomes(e, { anonymous: 401, ...over }),
  /** Admins only. */
  admin: (e: HttpExpect = 'ok') => outcomes(403, { anonymous: 401, admin: e }),
  /** Patients only (both A and B get `e` unless overridden). */
  patients: (e: HttpExpect, over: Partial<Record<Principal, HttpExpect>> = {}) =>
    outcomes(403, { anonymous: 401, patientOwn: e, patientOther: e, ...over }),
  /** Doctors only. */
  doctors: (e: HttpExpect, over: Partial<Record<Principal, HttpExpect>> = {}) =>
    outcomes(403, {
      anonymous: 401,
      doctorUnverified: e,
      doctorUnrelated: e,
      doctorTreating: e,
      ...over,
    }),
} as const;

/** 403 with the code of an unverified doctor reaching for a clinical power (issue 21). */
export const NOT_VERIFIED = { status: 403, code: 'DOCTOR_NOT_VERIFIED' } as const;

/**
 * A value made once per world and shared by the principals of one case (a fresh room that the
 * doctor ends and the patient may not).
 */
export function perWorld<T>(make: (w: World) => Promise<T>): (w: World) => Promise<T> {
  const made = new WeakMap<World, Promise<T>>();
  return (w) => {
    let v = made.get(w);
    if (!v) made.set(w, (v = make(w)));
    return v;
  };
}
