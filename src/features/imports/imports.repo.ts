import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { nextVersion } from '../../db/rows.ts';
import {
  type ImportFile,
  importMappings,
  importRuns,
  partnershipParties,
  partnershipSources,
  partnerships,
  placeNames,
  placeOrigins,
  places,
  sources,
  spreadsheetImports,
} from '../../db/schema.ts';

export interface SourceDefinition {
  key: string;
  name: string;
  url: string | null;
  licence: string;
  attribution: string;
}

/** Inserts the sources that are missing and answers every source's id by key. */
export async function ensureSources(
  db: DbOrTx,
  definitions: SourceDefinition[],
): Promise<Map<string, number>> {
  await db.insert(sources).values(definitions).onConflictDoNothing({ target: sources.key });
  const rows = await db.select({ id: sources.id, key: sources.key }).from(sources);
  return new Map(rows.map((row) => [row.key, row.id]));
}

export async function createImportRun(db: DbOrTx, dataset: string, files: ImportFile[]): Promise<number> {
  const [row] = await db.insert(importRuns).values({ dataset, files }).returning({ id: importRuns.id });
  return row!.id;
}

export async function finishImportRun(
  db: DbOrTx,
  id: number,
  outcome: {
    status: 'succeeded' | 'failed';
    counts?: Record<string, number>;
    reportPath?: string;
    error?: string;
  },
): Promise<void> {
  await db
    .update(importRuns)
    .set({
      status: outcome.status,
      finishedAt: new Date(),
      counts: outcome.counts ?? {},
      reportPath: outcome.reportPath ?? null,
      error: outcome.error ?? null,
    })
    .where(eq(importRuns.id, id));
}

/** Reserves `count` ids of a table's identity sequence, so rows and their references can be written in bulk. */
export async function reserveIds(
  db: DbOrTx,
  table: 'places' | 'partnerships',
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${count})`,
  );
  return rows.map((row) => Number(row.id));
}

export async function loadPlaceIdentities(db: DbOrTx) {
  return db
    .select({
      id: places.id,
      wikidataQid: places.wikidataQid,
      geonamesId: places.geonamesId,
      parentId: places.parentId,
      lat: places.lat,
      population: places.population,
      admin1: places.admin1,
      mergedIntoId: places.mergedIntoId,
    })
    .from(places);
}

export async function loadPlaceOrigins(db: DbOrTx) {
  return db
    .select({
      placeId: placeOrigins.placeId,
      sourceId: placeOrigins.sourceId,
      externalKey: placeOrigins.externalKey,
    })
    .from(placeOrigins);
}

export async function loadPlaceNameKeys(db: DbOrTx) {
  return db
    .select({ placeId: placeNames.placeId, lang: placeNames.lang, name: placeNames.name })
    .from(placeNames);
}

export async function loadPartnershipKeys(db: DbOrTx) {
  return db
    .select({ id: partnerships.id, kind: partnerships.kind, partyKey: partnerships.partyKey })
    .from(partnerships);
}

export async function loadPartnershipSourceKeys(db: DbOrTx) {
  return db
    .select({ sourceId: partnershipSources.sourceId, recordKey: partnershipSources.recordKey })
    .from(partnershipSources);
}

/** Inserts rows in batches that stay well below PostgreSQL's limit of 65,535 parameters a statement. */
export async function insertInBatches<T extends Record<string, unknown>>(
  rows: T[],
  batchSize: number,
  insert: (batch: T[]) => Promise<unknown>,
  onBatch?: (written: number) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    await insert(batch);
    onBatch?.(batch.length);
  }
}

export const insertPlaces = (db: DbOrTx, rows: (typeof places.$inferInsert)[]) =>
  db.insert(places).values(rows);
/**
 * Adds names, leaving out those a place has already. The rows travel as one JSON parameter: PGlite binds that in a
 * fraction of the time of thousands of separate values, which counts for the world import's 170,000 names.
 */
export const insertPlaceNames = (db: DbOrTx, rows: (typeof placeNames.$inferInsert)[]) =>
  db.execute(sql`insert into place_names (place_id, name, lang, kind, source_id)
    select r.place_id, r.name, r.lang, r.kind, r.source_id
    from json_to_recordset(${JSON.stringify(
      rows.map((row) => ({
        place_id: row.placeId,
        name: row.name,
        lang: row.lang,
        kind: row.kind ?? 'official',
        source_id: row.sourceId ?? null,
      })),
    )}::json) as r(place_id integer, name text, lang text, kind name_kind, source_id integer)
    on conflict do nothing`);
export const insertPlaceOrigins = (db: DbOrTx, rows: (typeof placeOrigins.$inferInsert)[]) =>
  db.insert(placeOrigins).values(rows).onConflictDoNothing();
export const insertPartnerships = (db: DbOrTx, rows: (typeof partnerships.$inferInsert)[]) =>
  db.insert(partnerships).values(rows);
export const insertPartnershipParties = (db: DbOrTx, rows: (typeof partnershipParties.$inferInsert)[]) =>
  db.insert(partnershipParties).values(rows);
export const insertPartnershipSources = (db: DbOrTx, rows: (typeof partnershipSources.$inferInsert)[]) =>
  db.insert(partnershipSources).values(rows).onConflictDoNothing();

/** Adds provenance records that are not there yet; answers how many were added. */
export async function addPartnershipSources(
  db: DbOrTx,
  rows: (typeof partnershipSources.$inferInsert)[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const added = await db
    .insert(partnershipSources)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: partnershipSources.id });
  return added.length;
}

/** Fills what an existing place lacks (coordinates, population, region, parent); never overwrites. */
export async function fillPlaceGaps(
  db: DbOrTx,
  id: number,
  gaps: Partial<Pick<typeof places.$inferInsert, 'lat' | 'lng' | 'population' | 'parentId' | 'admin1'>>,
): Promise<void> {
  await db
    .update(places)
    .set({ ...gaps, ...nextVersion(places) })
    .where(eq(places.id, id));
}

/** Refreshes the planner's statistics after a bulk write, so searches and lists use their indexes. */
export async function analyzeRegistry(db: DbOrTx): Promise<void> {
  await db.execute(
    sql`analyze places, place_names, place_origins, partnerships, partnership_parties, partnership_sources`,
  );
}

/** The live places that have a name whose search key is one of these, with that key. */
export async function findPlacesByNameKeys(db: DbOrTx, names: readonly string[]) {
  if (names.length === 0) return [];
  return queryRows<PlaceCandidateRow & { input: string }>(
    db,
    sql`
    with wanted as (
      select distinct input, cb_search_key(input) as key
      from jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) as input
    )
    select distinct on (w.input, p.id) w.input, p.id, p.name, p.country, p.kind, p.lat, p.lng, p.population,
           p.wikidata_qid as "wikidataQid", n.name as "matchedName"
    from wanted w
    join place_names n on n.search_key = w.key
    join places p on p.id = n.place_id
    where p.merged_into_id is null
    order by w.input, p.id, n.name = w.input desc`,
  );
}

export interface PlaceCandidateRow {
  id: number;
  name: string;
  country: string;
  kind: string;
  lat: number | null;
  lng: number | null;
  population: number | null;
  wikidataQid: string | null;
  matchedName: string;
}

/**
 * Places by id or by Wikidata QID, each answered as the live place it is now: a place merged into another answers
 * as the place it was merged into, keyed by the id or QID asked for.
 */
export async function findPlacesByIdsOrQids(db: DbOrTx, ids: readonly number[], qids: readonly string[]) {
  if (ids.length === 0 && qids.length === 0) return [];
  return queryRows<PlaceCandidateRow & { askedId: number; askedQid: string | null }>(
    db,
    sql`
    with recursive hit as (
      select p.id as asked_id, p.wikidata_qid as asked_qid, p.id, p.merged_into_id, 0 as depth
      from places p
      where p.id in (select value::int from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))
         or p.wikidata_qid in (select value from jsonb_array_elements_text(${JSON.stringify(qids)}::jsonb))
      union all
      select h.asked_id, h.asked_qid, p.id, p.merged_into_id, h.depth + 1
      from hit h join places p on p.id = h.merged_into_id
      where h.depth < 20
    )
    select h.asked_id as "askedId", h.asked_qid as "askedQid", p.id, p.name, p.country, p.kind, p.lat, p.lng,
           p.population, p.wikidata_qid as "wikidataQid", p.name as "matchedName"
    from hit h join places p on p.id = h.id
    where h.merged_into_id is null`,
  );
}

/** The ties between these sets of parties (by party key), deleted or not. */
export async function findTiesByPartyKeys(db: DbOrTx, partyKeys: readonly string[]) {
  if (partyKeys.length === 0) return [];
  return db
    .select({
      id: partnerships.id,
      kind: partnerships.kind,
      partyKey: partnerships.partyKey,
      status: partnerships.status,
      startedOn: partnerships.startedOn,
      endedOn: partnerships.endedOn,
      renewalOn: partnerships.renewalOn,
      visibility: partnerships.visibility,
      deletedAt: partnerships.deletedAt,
    })
    .from(partnerships)
    .where(inArray(partnerships.partyKey, [...partyKeys]))
    .orderBy(partnerships.id);
}

export type TieChanges = Partial<Pick<typeof partnerships.$inferInsert, 'status' | 'startedOn' | 'endedOn'>>;

export async function updateTieTerms(db: DbOrTx, id: number, changes: TieChanges): Promise<void> {
  await db
    .update(partnerships)
    .set({ ...changes, ...nextVersion(partnerships) })
    .where(eq(partnerships.id, id));
}

export async function insertSpreadsheetImport(db: DbOrTx, row: typeof spreadsheetImports.$inferInsert) {
  const [inserted] = await db.insert(spreadsheetImports).values(row).returning();
  return inserted!;
}

export async function findSpreadsheetImport(db: DbOrTx, id: number) {
  const [row] = await db.select().from(spreadsheetImports).where(eq(spreadsheetImports.id, id));
  return row;
}

export async function markSpreadsheetCommitted(db: DbOrTx, id: number, importRunId: number) {
  await db
    .update(spreadsheetImports)
    .set({ committedAt: new Date(), importRunId })
    .where(eq(spreadsheetImports.id, id));
}

export async function findImportMappings(db: DbOrTx, organizationId: number) {
  return db.select().from(importMappings).where(eq(importMappings.organizationId, organizationId));
}

export async function saveImportMapping(
  db: DbOrTx,
  organizationId: number,
  sheetType: string,
  columns: Record<string, string>,
) {
  await db
    .insert(importMappings)
    .values({ organizationId, sheetType, columns })
    .onConflictDoUpdate({
      target: [importMappings.organizationId, importMappings.sheetType],
      set: { columns, updatedAt: new Date() },
    });
}

/** Uploads that were never committed and are older than the cut-off. */
export async function deleteStaleSpreadsheetImports(db: DbOrTx, before: Date): Promise<number> {
  const rows = await db
    .delete(spreadsheetImports)
    .where(and(isNull(spreadsheetImports.committedAt), lt(spreadsheetImports.createdAt, before)))
    .returning({ id: spreadsheetImports.id });
  return rows.length;
}
