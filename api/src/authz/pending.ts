/**
 * Rows whose behaviour another change of issue 21 has not landed yet, by mismatch id. A pending row
 * must still fail (the matrix test says when one passes, so it leaves this list); this list is empty
 * once issue 21 is done.
 */
export const PENDING: readonly string[] = [];
