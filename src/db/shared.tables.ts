import { pgEnum } from 'drizzle-orm/pg-core';

/** Published records are public; internal ones are seen only by members of the organisations concerned. */
export const VISIBILITIES = ['published', 'internal'] as const;
export const visibility = pgEnum('visibility', VISIBILITIES);
