import { z } from 'zod';
import { Email, Password, PublicUser } from '../auth/schemas.ts';
import { identityText } from '../http/text.ts';

export const Relations = ['child', 'parent', 'grandparent', 'spouse', 'sibling', 'other'] as const;
export type Relation = (typeof Relations)[number];
export const AgeBands = ['infant', 'child', 'adolescent', 'adult'] as const;

const BirthDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');

export const AddDependent = z
  .object({
    name: identityText({ min: 1, max: 120 }),
    birthDate: BirthDate,
    relation: z.enum(Relations),
  })
  .meta({ id: 'AddDependent' });

export const UpdateDependent = z
  .object({
    name: identityText({ min: 1, max: 120 }).optional(),
    birthDate: BirthDate.optional(),
    relation: z.enum(Relations).optional(),
  })
  .meta({ id: 'UpdateDependent' });

/** A family member the caller acts for, as the guardian sees them. */
export const Dependent = z
  .object({
    id: z.uuid(),
    name: z.string(),
    relation: z.enum(Relations),
    birthDate: z.string(),
    age: z.number().int(),
    ageBand: z.enum(AgeBands),
    /** Under 18: booked with a paediatrician by default, triaged with the child red flags. */
    paediatric: z.boolean(),
    mayHaveOwnLogin: z.boolean(),
    /** Signs in on their own (history kept); the guardian still acts for them. */
    ownLogin: z.boolean(),
    /** The address an open invite went to, until it is accepted or replaced. */
    invitedEmail: z.string().nullable(),
    since: z.string(),
  })
  .meta({ id: 'Dependent' });
export type Dependent = z.infer<typeof Dependent>;

/** Someone who acts for the caller (a dependent's view of their guardians). */
export const Guardian = z
  .object({ id: z.uuid(), name: z.string(), relation: z.enum(Relations), since: z.string() })
  .meta({ id: 'Guardian' });

export const Family = z
  .object({ dependents: z.array(Dependent), guardians: z.array(Guardian) })
  .meta({ id: 'Family' });

export const DependentParams = z.object({ id: z.uuid() });

/**
 * A session as the dependent: an access token whose principal is the dependent and which carries the
 * guardian (`act`). It lives no longer than the guardian's own token it was minted with; the web app
 * mints a new one after each refresh of the guardian's session.
 */
export const ActingSession = z
  .object({
    accessToken: z.string(),
    expiresIn: z.number().int(),
    user: PublicUser,
    dependent: Dependent,
  })
  .meta({ id: 'ActingSession' });

export const InviteDependent = z.object({ email: Email }).meta({ id: 'InviteDependent' });
export const AcceptInvite = z
  .object({ token: z.string().min(20).max(200), password: Password })
  .meta({ id: 'AcceptDependentInvite' });

export const InviteAccepted = z.object({ email: z.string() }).meta({ id: 'DependentInviteAccepted' });

/** Money from the guardian's wallet into the dependent's, for the dependent's own visits. */
export const WalletTransfer = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
    amountMinor: z.number().int().positive().max(100_000_000),
  })
  .meta({ id: 'FamilyWalletTransfer' });
export const WalletTransferResult = z
  .object({
    transactionId: z.uuid(),
    currency: z.string(),
    amountMinor: z.number().int(),
    guardianBalanceMinor: z.number().int(),
    dependentBalanceMinor: z.number().int(),
  })
  .meta({ id: 'FamilyWalletTransferResult' });
