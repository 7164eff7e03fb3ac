// Call guests: inviting an interpreter or carer into a consultation, and the guest's own pages.
// Both languages live here; `guestsHi` must carry every key of `guestsEn` (the type says so).
export const guestsEn = {} as const satisfies Record<string, string>;

export const guestsHi: Record<keyof typeof guestsEn, string> = {};
