import { pipeline } from 'node:stream/promises';
import { disconnectUser } from '@telehealth/signaling/access-control';
import { audit } from '../../audit/index.ts';
import { reauthenticate } from '../../auth/reauth.ts';
import type { AppContext } from '../../context.ts';
import type { RouteBuilder } from '../../http/route.ts';
import { refuseErasureByGuardian } from '../../family/acting.ts';
import { eraseAccount } from '../erasure.ts';
import { buildExport } from '../export.ts';
import { deleteObjects, type Vault } from '../files.ts';
import { EraseMeInput, ErasureResult } from '../schemas.ts';
import { actorOf, contentDisposition } from './http.ts';

/** The patient's rights over the whole account: a full export, and erasure. */
export function registerAccountRoutes(route: RouteBuilder, ctx: AppContext, vault: Vault) {
  const { db, log } = ctx;
  const tags = ['users'];

  route({
    method: 'get',
    path: '/me/export',
    summary: 'Everything about me: a zip of me.json and my decrypted files (streamed)',
    tags,
    access: 'authenticated',
    handler: async ({ req, res, user }) => {
      const { zip } = await db.tx(async (q) => {
        const out = await buildExport(q, vault, user.id);
        await audit(q, {
          ...actorOf(user, req),
          action: 'account.export',
          subjectId: user.id,
          recordType: 'user',
          recordId: user.id,
          details: { files: out.files },
        });
        return out;
      });
      res.status(200);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader(
        'Content-Disposition',
        contentDisposition('attachment', `telehealth-export-${new Date().toISOString().slice(0, 10)}.zip`),
      );
      res.setHeader('Cache-Control', 'private, no-store');
      try {
        await pipeline(zip, res);
      } catch (err) {
        log.error({ userId: user.id, err: (err as Error).message }, 'export stream failed');
        res.destroy();
      }
    },
  });

  route({
    method: 'delete',
    path: '/me',
    summary:
      'Erase my account (patients). Visit records and the audit log are retained as the law requires; see RETENTION.md',
    tags,
    access: ['patient'],
    body: EraseMeInput,
    response: ErasureResult,
    handler: async ({ req, user, body }) => {
      await refuseErasureByGuardian(db, user);
      // Rate-limited like sign-in: a stolen access token must not become a password oracle. A guardian
      // erasing a family member's account (acting for them) confirms with their own password.
      await reauthenticate(ctx, {
        userId: user.actorId ?? user.id,
        password: body.password,
        ip: req.ip ?? 'unknown',
      });
      const r = await db.tx((q) => eraseAccount(q, user.id, actorOf(user, req)));
      // The account is suspended now: its open sockets close on every signaling node.
      await disconnectUser(ctx.bus, user.id, 'erased', log);
      for (const d of r.dependentsErased) await disconnectUser(ctx.bus, d, 'erased', log);
      await deleteObjects(vault.store, r.keys, log);
      return { erased: true as const, filesErased: r.filesErased, visitsRetained: r.visitsRetained };
    },
  });
}
