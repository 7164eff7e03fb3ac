// The records vault extras: report summaries, triage override, emergency access, who saw my records, my data.
// Both languages live here; `vaultHi` must carry every key of `vaultEn` (the type says so).
export const vaultEn = {} as const satisfies Record<string, string>;

export const vaultHi: Record<keyof typeof vaultEn, string> = {};
