import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import { nextVersion } from '../../db/rows.ts';
import {
  type ImportFile,
  importRuns,
  partnershipParties,
  partnershipSources,
  partnerships,
  placeNames,
  placeOrigins,
  places,
  sources,
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
export const insertPlaceNames = (db: DbOrTx, rows: (typeof placeNames.$inferInsert)[]) =>
  db.insert(placeNames).values(rows).onConflictDoNothing();
export const insertPlaceOrigins = (db: DbOrTx, rows: (typeof placeOrigins.$inferInsert)[]) =>
  db.insert(placeOrigins).values(rows).onConflictDoNothing();
export const insertPartnerships = (db: DbOrTx, rows: (typeof partnerships.$inferInsert)[]) =>
  db.insert(partnerships).values(rows);
export const insertPartnershipParties = (db: DbOrTx, rows: (typeof partnershipParties.$inferInsert)[]) =>
  db.insert(partnershipParties).values(rows);
export const insertPartnershipSources = (db: DbOrTx, rows: (typeof partnershipSources.$inferInsert)[]) =>
  db.insert(partnershipSources).values(rows).onConflictDoNothing();

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
