import * as z from 'zod';

/** What applying does to a tie the new extract reports and the registry does not have from Wikidata. */
export const NEW_TIE_ACTIONS = ['create', 'add_source', 'reinstate', 'keep_deleted'] as const;
/** What applying does to a tie whose Wikidata records the new extract no longer has. */
export const GONE_TIE_ACTIONS = ['remove_source', 'keep', 'withdraw'] as const;
/** What people have done with a tie, which keeps it from being withdrawn when its only source drops it. */
export const TIE_USER_WORK = [
  'history',
  'confirmed',
  'documents',
  'activities',
  'outcomes',
  'articles',
] as const;
/** The values of a place that Wikidata gives and a refresh keeps in step. */
export const PLACE_FIELDS = ['name', 'coordinates', 'country'] as const;

/** The id of a reconciliation diff: also the name of its file. */
export const refreshIdSchema = z
  .string()
  .regex(/^[0-9a-f]{12}$/, 'must be the id of a diff: 12 hexadecimal digits')
  .describe('The id of the diff');

const refreshPlaceSchema = z.object({
  qid: z.string().nullable().describe('Its Wikidata QID, when it has one'),
  name: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2'),
  placeId: z.number().int().nullable().describe('The place in the registry; null when applying creates it'),
});

const newTieSchema = z.object({
  places: z.array(refreshPlaceSchema).describe('The two places, as the new extract has them'),
  records: z
    .array(z.string())
    .describe('The links that report the tie, each its two QIDs as the links file has them, tab-separated'),
  tieId: z.number().int().nullable().describe('The tie between the two places from other sources, if any'),
  action: z
    .enum(NEW_TIE_ACTIONS)
    .describe(
      'create: a new tie; add_source: Wikidata joins the sources of a tie the registry has; reinstate: a tie ' +
        'withdrawn by an earlier refresh comes back; keep_deleted: a tie someone deleted gets the record and stays deleted',
    ),
});

const goneTieSchema = z.object({
  tieId: z.number().int(),
  deleted: z.boolean().describe('Whether the tie is deleted already'),
  places: z.array(refreshPlaceSchema).describe('The places of the tie, as the registry has them'),
  records: z.array(z.string()).describe('Its Wikidata records that the new extract no longer has'),
  otherSources: z
    .array(z.string())
    .describe('The sources that still report the tie once applied (Wikidata itself by another link)'),
  userWork: z
    .array(z.enum(TIE_USER_WORK))
    .describe('What people have done with the tie: changes in its history, confirmations, documents, links'),
  action: z
    .enum(GONE_TIE_ACTIONS)
    .describe(
      'remove_source: the records go, the tie stays with its other sources (or stays deleted); keep: the ' +
        'records go and the tie, which people have worked on, stays; withdraw: the tie is deleted, restorably',
    ),
});

const placeValuesSchema = z.object({
  name: z.string(),
  country: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
});

const changedPlaceSchema = z.object({
  qid: z.string(),
  placeId: z.number().int(),
  before: placeValuesSchema.describe('As the registry had it from Wikidata'),
  after: placeValuesSchema.describe('As the new extract has it'),
  current: placeValuesSchema.describe('As the place is now'),
  changes: z.array(z.enum(PLACE_FIELDS)).describe('What Wikidata changed'),
  applies: z
    .array(z.enum(PLACE_FIELDS))
    .describe(
      'What applying changes: the values the place still has from Wikidata, never an edit of its own',
    ),
});

const unresolvedSchema = z.object({
  line: z.number().int().describe('The line of the links file'),
  row: z.record(z.string(), z.unknown()),
  reason: z.string(),
});

export const refreshCountsSchema = z.object({
  new: z
    .number()
    .int()
    .describe('Ties the new extract reports that the registry does not have from Wikidata'),
  gone: z.number().int().describe('Ties with Wikidata records that the new extract no longer has'),
  changed: z.number().int().describe('Places whose name, coordinates or country Wikidata changed'),
  unresolved: z.number().int().describe('Links that do not join two cities of the nodes file'),
  placesCreated: z.number().int().describe('Places applying creates'),
  recordsAdded: z.number().int().describe('Wikidata records applying adds, to new ties and to ties it has'),
  recordsRemoved: z.number().int().describe('Wikidata records applying removes'),
  tiesWithdrawn: z.number().int().describe('Ties applying deletes'),
});

export const appliedSchema = z.object({
  runId: z.number().int().describe('The import run that applied it'),
  appliedAt: z.string(),
  counts: z.record(z.string(), z.number()).describe('What applying wrote'),
});

export const refreshDiffSchema = z
  .object({
    id: refreshIdSchema,
    createdAt: z.string(),
    revision: z.number().int().describe('The registry revision the diff was made against'),
    files: z.array(
      z.object({
        name: z.string().describe('nodes or links'),
        fileName: z.string(),
        sha256: z.string(),
        rows: z.number().int(),
      }),
    ),
    counts: refreshCountsSchema,
    new: z.array(newTieSchema),
    gone: z.array(goneTieSchema),
    changed: z.array(changedPlaceSchema),
    unresolved: z.array(unresolvedSchema),
    applied: appliedSchema
      .nullable()
      .describe('When and by which import run it was applied; null while pending'),
  })
  .describe('A reconciliation diff between a newer Wikidata extract and the registry');

export const applyResultSchema = z.object({
  id: refreshIdSchema,
  alreadyApplied: z
    .boolean()
    .describe('True when the diff had been applied before: nothing changed this time'),
  ...appliedSchema.shape,
});

export type RefreshPlace = z.infer<typeof refreshPlaceSchema>;
export type NewTie = z.infer<typeof newTieSchema>;
export type GoneTie = z.infer<typeof goneTieSchema>;
export type PlaceValues = z.infer<typeof placeValuesSchema>;
export type ChangedPlace = z.infer<typeof changedPlaceSchema>;
export type RefreshCounts = z.infer<typeof refreshCountsSchema>;
export type RefreshDiff = z.infer<typeof refreshDiffSchema>;
export type ApplyResult = z.infer<typeof applyResultSchema>;
export type PlaceField = (typeof PLACE_FIELDS)[number];
export type TieUserWork = (typeof TIE_USER_WORK)[number];
