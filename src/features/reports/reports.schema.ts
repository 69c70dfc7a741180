import * as z from 'zod';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import { REPORT_LANGUAGES } from './reports.texts.ts';

export const reportQuerySchema = z.strictObject({
  lang: z.enum(REPORT_LANGUAGES).default('en').describe('The language of the report (fi, sv, en)'),
});

const countSchema = z.object({ kind: z.string(), count: z.number().int() });

export const reportTieSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  parties: z.array(z.object({ name: z.string(), country: z.string().nullable() })),
  startedOn: z.string().nullable(),
  signedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  renewalOn: z.string().nullable(),
  age: z
    .object({
      since: z.string().describe('The start, or the signing when the start is unknown'),
      years: z.number().int().describe('Full years since'),
      roundAnniversaries: z
        .array(z.object({ years: z.number().int(), on: z.string() }))
        .describe('Every fifth year so far'),
      nextRoundAnniversary: z.object({ years: z.number().int(), on: z.string() }),
    })
    .nullable()
    .describe('Null when neither the start nor the signing is known'),
});
export type ReportTie = z.infer<typeof reportTieSchema>;

export const timelineEntrySchema = z.object({
  type: z.enum(['activity', 'event', 'outcome']),
  id: z.number().int(),
  date: z.string(),
  kind: z.string(),
  title: z.string().describe("In the report's language where the record has it"),
  link: z.string().nullable().describe('Its page in the app, when it has one'),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const impactReportSchema = z.object({
  subject: z.object({
    type: z.enum(['partnership', 'organization']),
    id: z.number().int(),
    name: z.string(),
  }),
  language: z.enum(REPORT_LANGUAGES),
  generatedOn: z.string(),
  signedIn: z
    .boolean()
    .describe(
      'Whether it was made for a signed-in reader: activities and people only reach signed-in members',
    ),
  ties: z.array(reportTieSchema).describe("The tie reported on, or the organisation's ties"),
  figures: z.object({
    activities: z.number().int(),
    events: z.number().int(),
    outcomes: z.number().int(),
    companies: z.number().int(),
    people: z.number().int(),
  }),
  byYear: z.array(
    z.object({
      year: z.number().int(),
      activities: z.number().int(),
      events: z.number().int(),
      outcomes: z.number().int(),
    }),
  ),
  byKind: z.object({
    activities: z.array(countSchema),
    events: z.array(countSchema),
    outcomes: z.array(countSchema),
  }),
  values: z
    .array(z.object({ currency: z.string(), amount: z.string() }))
    .describe('The outcomes’ values summed per currency (ISO 4217), never converted'),
  timeline: z.array(timelineEntrySchema).describe('Newest first'),
  organizations: z
    .array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() }))
    .describe('The companies and organisations involved in the outcomes'),
  people: z
    .array(z.object({ id: z.number().int(), name: z.string() }))
    .describe('People met in the activities'),
  followUps: z.array(
    z.object({
      activityId: z.number().int(),
      title: z.string(),
      followUp: z.string(),
      followUpOn: z.string().nullable(),
    }),
  ),
});
export type ImpactReport = z.infer<typeof impactReportSchema>;
