/** Kinds of logged contact; plain constants shared with the web app. */
export const ACTIVITY_KINDS = ['meeting', 'call', 'visit', 'email', 'event', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
