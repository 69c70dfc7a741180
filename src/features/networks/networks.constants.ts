/** The vocabularies of networks; plain constants shared with the web app. */

/** A network of cities (C21, Eurocities) or a working group within one (C21's China working group). */
export const NETWORK_KINDS = ['network', 'working_group'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];
