import { registerAuditRoutes } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import type { RouteBuilder } from '../http/route.ts';
import { createVault, type Vault } from './files.ts';
import { registerAccountRoutes } from './routes/account.ts';
import { auditedReads } from './routes/audited.ts';
import { registerConsentRoutes } from './routes/consents.ts';
import { registerEmergencyRoutes } from './routes/emergency.ts';
import { registerRecordFileRoutes } from './routes/files.ts';
import { registerVisitRoutes } from './routes/visits.ts';

/**
 * The records vault (issue 9): files, visit records, consent, emergency access, patient rights, and
 * the admin audit explorer, one file per sub-domain under routes/; who may read what is decided in
 * access.ts alone. `vault` is injectable for tests (another store or keyring).
 */
export function registerRecordsRoutes(
  route: RouteBuilder,
  ctx: AppContext,
  vault: Vault = createVault(ctx.config),
) {
  const reads = auditedReads(ctx.db);
  registerRecordFileRoutes(route, ctx, vault, reads);
  registerVisitRoutes(route, ctx, reads);
  registerConsentRoutes(route, ctx);
  registerEmergencyRoutes(route, ctx);
  registerAccountRoutes(route, ctx, vault);
  registerAuditRoutes(route, ctx);
}
