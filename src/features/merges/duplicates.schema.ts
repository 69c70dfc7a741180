/** What the review queue of duplicate places answers: the pairs, the decisions on them, and a run of the finder. */
import * as z from 'zod';
import { PLACE_KINDS } from '../places/places.tables.ts';
import { DUPLICATE_REASONS } from './duplicates.find.ts';
import { DUPLICATE_CONFIDENCES, DUPLICATE_STATUSES } from './merges.tables.ts';

/** One place of a pair, as the reviewer compares it. */
const duplicatePlaceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  country: z.string().describe('ISO 3166-1 alpha-2'),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  wikidataQid: z.string().nullable(),
  geonamesId: z.number().int().nullable(),
  partnerCount: z.number().int(),
  parentName: z.string().nullable().describe('The city a district belongs to'),
  mergedIntoId: z.number().int().nullable(),
  sources: z.array(z.string()).describe('The sources that reported the place'),
});

/** A pair of places the finder took for one place, with both places. */
export const duplicateSchema = z.object({
  id: z.number().int(),
  status: z.enum(DUPLICATE_STATUSES),
  confidence: z
    .enum(DUPLICATE_CONFIDENCES)
    .describe('certain pairs are merged by imports, possible ones wait'),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  distanceKm: z.number().nullable(),
  suggestedIntoId: z.number().int().describe('The place the finder would keep'),
  mergeId: z.number().int().nullable().describe('The merge that joined the pair; undo it to part them'),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  places: z.array(duplicatePlaceSchema).describe('Both places, in id order'),
});

/** What a decision on a pair answers. */
export const decisionSchema = duplicateSchema.pick({
  id: true,
  status: true,
  mergeId: true,
  decidedAt: true,
});

/** A page of the pairs of one status. */
export const duplicateListSchema = z.object({ total: z.number().int(), items: z.array(duplicateSchema) });

/**
 * What a run of the finder did: certain pairs merged, pairs waiting after it, pairs decided "not the same" before and
 * left apart, tie parties moved and duplicate ties joined by its merges (`DuplicateRun['counts']`).
 */
export const duplicateScanSchema = z.object({
  merged: z.number().int(),
  pending: z.number().int(),
  keptApart: z.number().int(),
  tiesChanged: z.number().int(),
});
