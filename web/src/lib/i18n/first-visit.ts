// Small things a first visit hits, and the accessibility helpers' words.
// Both languages live here; `firstVisitHi` must carry every key of `firstVisitEn` (the type says so).
export const firstVisitEn = {} as const satisfies Record<string, string>;

export const firstVisitHi: Record<keyof typeof firstVisitEn, string> = {};
