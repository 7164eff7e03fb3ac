/** SQLSTATE codes the domain code reacts to; everything else is a bug or an outage. */
export const PgCodes = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  raiseException: 'P0001',
} as const;

export function pgCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code;
  return undefined;
}

export function pgConstraint(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'constraint' in err && typeof err.constraint === 'string')
    return err.constraint;
  return undefined;
}

export function isRetryable(err: unknown): boolean {
  const code = pgCode(err);
  return code === PgCodes.serializationFailure || code === PgCodes.deadlockDetected;
}
