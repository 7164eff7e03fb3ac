// Messages outside a consultation, chat reports and their moderation, admin user actions.
// Both languages live here; `messagingHi` must carry every key of `messagingEn` (the type says so).
export const messagingEn = {} as const satisfies Record<string, string>;

export const messagingHi: Record<keyof typeof messagingEn, string> = {};
