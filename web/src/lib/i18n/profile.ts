// The health profile: allergies, conditions, medications, emergency contacts; safer prescribing.
// Both languages live here; `profileHi` must carry every key of `profileEn` (the type says so).
export const profileEn = {} as const satisfies Record<string, string>;

export const profileHi: Record<keyof typeof profileEn, string> = {};
