import * as z from 'zod';
import { VISIBILITIES } from '../db/shared.tables.ts';

const noNul = (text: string) => !text.includes('\u0000');

/** Text of at most `max` characters, trimmed, never empty, never with NUL characters. */
export const textSchema = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).refine(noNul, {
    message: 'must not contain NUL characters',
  });

/** A calendar date YYYY-MM-DD that exists. */
export const dateSchema = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, 'is not a real date');

export const visibilitySchema = z
  .enum(VISIBILITIES)
  .describe('published: anyone may read it; internal: only members of the organisations concerned');

export const versionSchema = z
  .number()
  .int()
  .min(1)
  .describe(
    'The version you read; if the record has changed since, the answer is 409 with the current record',
  );

export const versionQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version you read; a stale one answers 409'),
});

export const urlSchema = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));

export const historyEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actor: z.string().describe('Who made the change'),
  action: z.string().describe('create, update, delete, restore, confirm, merge, unmerge, erase …'),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const historyResponseSchema = z.object({ items: z.array(historyEventSchema) });

/** Ids are positive 32-bit integers; anything else in a path is a 400, not a lookup. */
export const idSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive integer id')
  .transform(Number)
  .refine((id) => id <= 2_147_483_647, 'must be a positive integer id');

/** A record's id in a JSON body. */
export const idBodySchema = z.number().int().positive().max(2_147_483_647);

/** A record's id in a query string, to filter a list by that record. */
export const idQuerySchema = z.coerce.number().int().positive().max(2_147_483_647);

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
  .transform((value) => value.toUpperCase());

/** A BCP 47 language tag: en, fi, sv, zh-Hans … */
export const languageTagSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code (en, fi, zh-Hans)');

/** Text per language, each non-empty once trimmed: `{ "fi": "…", "sv": "…", "en": "…" }`. */
export const localizedTextSchema = (max: number) =>
  z
    .record(languageTagSchema, textSchema(max))
    .refine((texts) => Object.keys(texts).length <= 20, 'must have at most 20 languages');
