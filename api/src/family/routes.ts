import { disconnectUser } from '@telehealth/signaling/access-control';
import { ACCESS_TOKEN_TTL_S } from '@telehealth/platform/auth/tokens';
import { PgCodes, pgCode, type Queryable } from '@telehealth/platform/db/index';
import { audit } from '../audit/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { accountState, findUserById, toPublicUser } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { enqueueEmail } from '../email/outbox.ts';
import type { AuthedUser } from '../http/auth-middleware.ts';
import { AppError, badRequest, conflict, notFound, unauthorized, unprocessable } from '../http/errors.ts';
import type { RouteBuilder } from '../http/route.ts';
import { InsufficientFundsError, postTransaction } from '../payments/ledger/ledger.ts';
import { walletBalances } from '../payments/wallet.ts';
import { EMPTY_PROFILE } from '../profile/schemas.ts';
import { loadProfile, saveProfile } from '../profile/store.ts';
import { keyringFromConfig } from '../records/files.ts';
import { randomToken, sha256Hex } from '../security/crypto.ts';
import { refuseWhenActing } from './acting.ts';
import { birthDateProblem, civilDate } from './age.ts';
import { dependentInviteEmail, familyLinks, INVITE_TTL_DAYS } from './emails.ts';
import {
  AcceptInvite,
  ActingSession,
  AddDependent,
  Dependent,
  DependentParams,
  Family,
  InviteAccepted,
  InviteDependent,
  UpdateDependent,
  WalletTransfer,
  WalletTransferResult,
} from './schemas.ts';
import {
  activeGuardianCount,
  createDependent,
  findDependent,
  listDependents,
  listGuardians,
  lockGuardianship,
  toDependent,
  type DependentRow,
} from './store.ts';

/** A family is a household, not an institution: more than this is refused. */
export const MAX_DEPENDENTS = 12;
const DAY = 86_400_000;

/**
 * The family routes (issue 19). They act for the person holding the token: a guardian acting for a
 * dependent still manages *their own* family here (switching to another child, adding one), so the
 * guardian is the token's actor when there is one.
 */
const humanOf = (user: AuthedUser) => user.actorId ?? user.id;

export function registerFamilyRoutes(route: RouteBuilder, ctx: AppContext) {
  const { db } = ctx;
  const ring = keyringFromConfig(ctx.config);
  const tags = ['family'];
  const missing = () => notFound('DEPENDENT_NOT_FOUND', 'No such family member');

  const checkBirthDate = (birthDate: string, zone: string) => {
    const problem = birthDateProblem(birthDate, civilDate(ctx.now(), zone));
    if (problem)
      throw badRequest('VALIDATION_FAILED', 'The request is invalid', [
        {
          path: 'body.birthDate',
          message:
            problem === 'future'
              ? 'must not be in the future'
              : problem === 'too_old'
                ? 'must be within the last 120 years'
                : 'must be a real date (YYYY-MM-DD)',
        },
      ]);
  };
  /**
   * A member as the guardian sees them. The health profile's date of birth wins where the guardian
   * corrected it there (the profile screen), so the age shown and the age rules agree with triage.
   */
  const view = async (q: Queryable, row: DependentRow) => {
    const dob = (await loadProfile(q, ring, row.id)).profile.dateOfBirth;
    return toDependent(dob ? { ...row, birth_date: dob } : row, ctx.now());
  };
  const dependentView = async (q: Queryable, guardianId: string, id: string) => {
    const row = await findDependent(q, guardianId, id);
    if (!row) throw missing();
    return view(q, row);
  };

  route({
    method: 'get',
    path: '/family',
    summary: 'My family: the members I act for, and who acts for me',
    tags,
    access: ['patient'],
    response: Family,
    handler: async ({ user }) => {
      const me = humanOf(user);
      return {
        dependents: await Promise.all((await listDependents(db, me)).map((r) => view(db, r))),
        guardians: await listGuardians(db, me),
      };
    },
  });

  route({
    method: 'post',
    path: '/family',
    summary: 'Add a family member (a child, an elderly parent) who has no e-mail address of their own',
    tags,
    access: ['patient'],
    body: AddDependent,
    response: Dependent,
    status: 201,
    handler: async ({ user, body, req }) => {
      const me = humanOf(user);
      return db.tx(async (q) => {
        // The guardian's row, locked: two concurrent adds count the family one after the other.
        const guardian = await findUserById(q, me, true);
        if (!guardian) throw unauthorized();
        checkBirthDate(body.birthDate, guardian.timezone);
        if ((await listDependents(q, me)).length >= MAX_DEPENDENTS)
          throw conflict('FAMILY_FULL', `A family can have at most ${MAX_DEPENDENTS} members`);
        let id: string;
        try {
          id = await createDependent(q, guardian, body);
        } catch (err) {
          // The database's guardian rule (migration 0089): a dependent without a login is nobody's guardian.
          if (pgCode(err) === PgCodes.checkViolation)
            throw new AppError(403, 'NOT_A_GUARDIAN', 'This account cannot add family members');
          throw err;
        }
        // The health profile starts with the date of birth, so the symptom check and the doctor's
        // panel know the child's age from the first visit (the guardian fills in the rest).
        await saveProfile(q, ring, id, { ...EMPTY_PROFILE, dateOfBirth: body.birthDate }, 0, me);
        await audit(q, {
          actorId: me,
          actorRole: 'patient',
          action: 'family.add',
          subjectId: id,
          recordType: 'user',
          recordId: id,
          ip: req.ip ?? null,
          details: { relation: body.relation },
        });
        return dependentView(q, me, id);
      });
    },
  });

  route({
    method: 'patch',
    path: '/family/:id',
    summary: "Correct a family member's name, date of birth or relation",
    tags,
    access: ['patient'],
    params: DependentParams,
    body: UpdateDependent,
    response: Dependent,
    handler: async ({ user, params, body }) => {
      const me = humanOf(user);
      return db.tx(async (q) => {
        if (!(await lockGuardianship(q, me, params.id))) throw missing();
        const row = await findDependent(q, me, params.id);
        if (!row) throw missing();
        if (body.birthDate) checkBirthDate(body.birthDate, row.timezone);
        // Once they sign in themselves, their name and date of birth are theirs to change.
        if (row.own_login_at && (body.name || body.birthDate))
          throw conflict('HAS_OWN_LOGIN', 'This family member manages their own details now');
        if (body.name)
          await q.query('UPDATE users SET name = $2, updated_at = now() WHERE id = $1', [
            params.id,
            body.name,
          ]);
        if (body.birthDate) {
          await q.query('UPDATE dependents SET birth_date = $2 WHERE user_id = $1', [
            params.id,
            body.birthDate,
          ]);
          // One date of birth: the health profile's follows (the same optimistic version check).
          const p = await loadProfile(q, ring, params.id, { forUpdate: true });
          await saveProfile(q, ring, params.id, { ...p.profile, dateOfBirth: body.birthDate }, p.version, me);
        }
        if (body.relation)
          await q.query(
            'UPDATE guardianships SET relation = $3 WHERE guardian_id = $1 AND dependent_id = $2 AND ended_at IS NULL',
            [me, params.id, body.relation],
          );
        return dependentView(q, me, params.id);
      });
    },
  });

  route({
    method: 'delete',
    path: '/family/:id',
    summary:
      'Stop acting for a family member (their acting sessions end at once). Refused for the last guardian of a member without a login',
    tags,
    access: ['patient'],
    params: DependentParams,
    handler: async ({ user, params, req }) => {
      const me = humanOf(user);
      await db.tx(async (q) => {
        const g = await lockGuardianship(q, me, params.id);
        if (!g) throw missing();
        const row = await findDependent(q, me, params.id);
        if (!row) throw missing();
        if (!row.own_login_at && (await activeGuardianCount(q, params.id)) <= 1)
          throw conflict(
            'LAST_GUARDIAN',
            'Nobody else could look after this account: give them their own login first, or erase their account',
          );
        await q.query('UPDATE guardianships SET ended_at = now() WHERE id = $1', [g.id]);
        await audit(q, {
          actorId: me,
          actorRole: 'patient',
          action: 'family.end',
          subjectId: params.id,
          recordType: 'guardianship',
          recordId: g.id,
          ip: req.ip ?? null,
        });
      });
      // Acting tokens are refused from now on; sockets opened with one close now, not at expiry.
      await disconnectUser(ctx.bus, params.id, 'session_revoked', ctx.log);
    },
  });

  route({
    method: 'delete',
    path: '/family/guardians/:id',
    summary:
      'A family member who signs in on their own stops someone acting for them (their acting sessions end at once)',
    tags,
    access: ['patient'],
    params: DependentParams,
    handler: async ({ user, params, req }) => {
      // Only the member themselves, signed in as themselves: never a guardian acting for them.
      refuseWhenActing(user);
      await db.tx(async (q) => {
        const g = await lockGuardianship(q, params.id, user.id);
        if (!g) throw notFound('GUARDIAN_NOT_FOUND', 'Nobody by this id acts for you');
        await q.query('UPDATE guardianships SET ended_at = now() WHERE id = $1', [g.id]);
        await audit(q, {
          actorId: user.id,
          actorRole: 'patient',
          action: 'family.end',
          subjectId: user.id,
          recordType: 'guardianship',
          recordId: g.id,
          ip: req.ip ?? null,
          details: { by: 'dependent' },
        });
      });
      await disconnectUser(ctx.bus, user.id, 'session_revoked', ctx.log);
    },
  });

  route({
    method: 'post',
    path: '/family/:id/act',
    summary:
      'Act for a family member: an access token as them that carries me as the actor (no longer-lived than mine)',
    tags,
    access: ['patient'],
    params: DependentParams,
    response: ActingSession,
    handler: async ({ user, params, req, res }) => {
      const me = humanOf(user);
      const nowS = Math.floor(ctx.now().getTime() / 1000);
      // Minted from the caller's token, so it cannot outlive it (nor, through re-minting, the session).
      const ttl = Math.min(ACCESS_TOKEN_TTL_S, (user.tokenExpiresAt ?? nowS + ACCESS_TOKEN_TTL_S) - nowS);
      if (ttl < 5) throw unauthorized('TOKEN_EXPIRED', 'Access token expired; refresh it');
      const out = await db.tx(async (q) => {
        const row = await findDependent(q, me, params.id);
        const dependent = await findUserById(q, params.id);
        const guardian = await accountState(q, me);
        if (!row || !dependent || !guardian) throw missing();
        await audit(q, {
          actorId: me,
          actorRole: 'patient',
          action: 'family.act',
          subjectId: params.id,
          recordType: 'user',
          recordId: params.id,
          ip: req.ip ?? null,
        });
        const accessToken = await ctx.tokens.sign(
          {
            userId: dependent.id,
            role: dependent.role,
            sessionVersion: dependent.session_version,
            actor: { userId: me, sessionVersion: guardian.sessionVersion },
          },
          ttl,
        );
        return {
          accessToken,
          expiresIn: ttl,
          user: toPublicUser(dependent),
          dependent: await view(q, row),
        };
      });
      res.setHeader('Cache-Control', 'no-store');
      return out;
    },
  });

  route({
    method: 'post',
    path: '/family/:id/invite',
    summary: 'Give a family member their own login: e-mails them a link to choose a password (same account)',
    tags,
    access: ['patient'],
    params: DependentParams,
    body: InviteDependent,
    response: Dependent,
    status: 202,
    handler: async ({ user, params, body, req }) => {
      const me = humanOf(user);
      return db.tx(async (q) => {
        if (!(await lockGuardianship(q, me, params.id))) throw missing();
        const row = await findDependent(q, me, params.id);
        const guardian = await findUserById(q, me);
        if (!row || !guardian) throw missing();
        if (row.own_login_at) throw conflict('HAS_OWN_LOGIN', 'This family member already signs in');
        if (!(await view(q, row)).mayHaveOwnLogin)
          throw unprocessable('TOO_YOUNG_FOR_OWN_LOGIN', 'A family member gets their own login from age 13');
        // Only the newest link works.
        await q.query(
          'UPDATE dependent_invites SET revoked_at = now() WHERE dependent_id = $1 AND used_at IS NULL AND revoked_at IS NULL',
          [params.id],
        );
        const token = randomToken();
        await q.query(
          `INSERT INTO dependent_invites (dependent_id, email, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
          [
            params.id,
            body.email,
            sha256Hex(token),
            me,
            new Date(ctx.now().getTime() + INVITE_TTL_DAYS * DAY),
          ],
        );
        await enqueueEmail(q, {
          to: body.email,
          message: dependentInviteEmail({
            name: row.name,
            guardianName: guardian.name,
            link: familyLinks(ctx.config.publicUrl).join(token),
          }),
        });
        await audit(q, {
          actorId: me,
          actorRole: 'patient',
          action: 'family.invite',
          subjectId: params.id,
          recordType: 'user',
          recordId: params.id,
          ip: req.ip ?? null,
        });
        return dependentView(q, me, params.id);
      });
    },
  });

  route({
    method: 'post',
    path: '/family/invites/accept',
    summary:
      'Choose a password with an invite link: the family member signs in with the invited address from now on',
    tags,
    access: 'public',
    body: AcceptInvite,
    response: InviteAccepted,
    handler: async ({ body, req }) => {
      const invalid = () => badRequest('INVITE_INVALID', 'This link is invalid, used or expired');
      const passwordHash = await hashPassword(body.password);
      return db.tx(async (q) => {
        const inv = (
          await q.query<{ id: string; dependent_id: string; email: string }>(
            `SELECT id, dependent_id, email FROM dependent_invites
              WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2 FOR UPDATE`,
            [sha256Hex(body.token), ctx.now()],
          )
        ).rows[0];
        if (!inv) throw invalid();
        await q.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [inv.dependent_id]);
        try {
          await q.query(
            `UPDATE users SET email = $2, password_hash = $3, updated_at = now() WHERE id = $1 AND status = 'active'`,
            [inv.dependent_id, inv.email, passwordHash],
          );
        } catch (err) {
          if (pgCode(err) === PgCodes.uniqueViolation)
            throw conflict(
              'EMAIL_TAKEN',
              'An account with this email already exists; ask for an invite to another address',
            );
          throw err;
        }
        await q.query('UPDATE dependents SET own_login_at = now() WHERE user_id = $1', [inv.dependent_id]);
        await q.query('UPDATE dependent_invites SET used_at = now() WHERE id = $1', [inv.id]);
        await audit(q, {
          actorId: inv.dependent_id,
          actorRole: 'patient',
          action: 'family.own_login',
          subjectId: inv.dependent_id,
          recordType: 'user',
          recordId: inv.dependent_id,
          ip: req.ip ?? null,
        });
        return { email: inv.email };
      });
    },
  });

  route({
    method: 'post',
    path: '/family/:id/wallet/transfers',
    summary:
      "Move money from my wallet into a family member's, which pays their visits (refunds of their visits return there)",
    tags,
    access: ['patient'],
    params: DependentParams,
    body: WalletTransfer,
    response: WalletTransferResult,
    status: 201,
    handler: async ({ user, params, body }) => {
      const me = humanOf(user);
      try {
        return await db.tx(async (q) => {
          const row = await findDependent(q, me, params.id);
          if (!row) throw missing();
          const transactionId = await postTransaction(q, {
            kind: 'transfer',
            currency: body.currency,
            memo: `Family transfer to ${row.name}`,
            entries: [
              { account: { kind: 'wallet', ownerId: me }, amountMinor: -body.amountMinor },
              { account: { kind: 'wallet', ownerId: params.id }, amountMinor: body.amountMinor },
            ],
          });
          const balance = async (owner: string) =>
            (await walletBalances(q, owner)).find((b) => b.currency === body.currency)?.balanceMinor ?? 0;
          return {
            transactionId,
            currency: body.currency,
            amountMinor: body.amountMinor,
            guardianBalanceMinor: await balance(me),
            dependentBalanceMinor: await balance(params.id),
          };
        });
      } catch (err) {
        if (err instanceof InsufficientFundsError)
          throw new AppError(402, 'INSUFFICIENT_FUNDS', 'Your wallet balance is too low for this transfer');
        throw err;
      }
    },
  });
}
