// Wallet top-up, currencies and the fee filter.
// Both languages live here; `moneyHi` must carry every key of `moneyEn` (the type says so).
export const moneyEn = {} as const satisfies Record<string, string>;

export const moneyHi: Record<keyof typeof moneyEn, string> = {};
