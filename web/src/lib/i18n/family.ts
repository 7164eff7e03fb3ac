// Dependents: family members a guardian books and acts for.
// Both languages live here; `familyHi` must carry every key of `familyEn` (the type says so).
export const familyEn = {} as const satisfies Record<string, string>;

export const familyHi: Record<keyof typeof familyEn, string> = {};
