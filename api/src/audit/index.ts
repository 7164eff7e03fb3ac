/**
 * The audit log for every module: `audit(q, entry)` appends to the tamper-evident hash chain on the
 * caller's transaction (call it late: it holds the chain-head lock until commit).
 */
export {
  audit,
  searchAudit,
  verifyAuditChain,
  type AuditEntry,
  type AuditReceipt,
  type AuditFilter,
  type VerifyResult,
} from './log.ts';
export { canonicalJson, entryHash, GENESIS_HASH, type ChainProblem } from './chain.ts';
export { registerAuditRoutes } from './routes.ts';
