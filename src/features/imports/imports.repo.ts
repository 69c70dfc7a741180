import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { executeWrite, queryRows } from '../../db/query.ts';
import {
  dataRevisions,
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
import {
  decodeNotice,
  encodeNotice,
  type RegistryChange,
  type RegistryNotice,
} from '../registry/registry.changes.ts';

export const REGISTRY_REVISION = 'registry';
/** PostgreSQL channel on which registry changes are announced to every instance. */
export const REGISTRY_CHANNEL = 'citybridge_registry';

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

/** Fills what an existing place lacks (coordinates, population, identifiers, parent); never overwrites. */
export async function fillPlaceGaps(
  db: DbOrTx,
  id: number,
  gaps: Partial<Pick<typeof places.$inferInsert, 'lat' | 'lng' | 'population' | 'parentId'>>,
): Promise<void> {
  await db
    .update(places)
    .set({ ...gaps, updatedAt: new Date(), version: sql`${places.version} + 1` })
    .where(eq(places.id, id));
}

/**
 * Recomputes the partner counts (public ties) of the given places, or of every place; answers how many places
 * changed.
 */
export async function recountPartners(db: DbOrTx, placeIds?: readonly number[]): Promise<number> {
  if (placeIds?.length === 0) return 0;
  const only = placeIds
    ? sql`where p.id in (${sql.join(
        placeIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  return executeWrite(
    db,
    sql`
    with counts as (
      select p.id, count(t.id)::int as n
      from places p
      left join partnership_parties pp on pp.place_id = p.id
      left join partnerships t on t.id = pp.partnership_id and t.is_public
      ${only}
      group by p.id
    )
    update places set partner_count = counts.n
    from counts
    where places.id = counts.id and places.partner_count <> counts.n`,
  );
}

/**
 * Marks the registry changed: a new revision, announced with what changed (NOTIFY, heard by every instance at
 * commit) so that read models drop what shows it. Answers the notice as announced, for `announceCommitted`.
 */
export async function bumpRegistryRevision(db: DbOrTx, change: RegistryChange): Promise<RegistryNotice> {
  const [row] = await db
    .insert(dataRevisions)
    .values({ name: REGISTRY_REVISION, revision: 1 })
    .onConflictDoUpdate({
      target: dataRevisions.name,
      set: { revision: sql`${dataRevisions.revision} + 1` },
    })
    .returning({ revision: dataRevisions.revision });
  const payload = encodeNotice({ revision: row!.revision, change });
  await db.execute(sql`select pg_notify(${REGISTRY_CHANNEL}, ${payload})`);
  return decodeNotice(payload)!;
}

/** The registry's current revision (0 before the first write). */
export async function readRegistryRevision(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ revision: dataRevisions.revision })
    .from(dataRevisions)
    .where(eq(dataRevisions.name, REGISTRY_REVISION));
  return row?.revision ?? 0;
}

/** The places tied to any of the given places by a published tie: their partners lists show those places. */
export async function findPartnerPlaceIds(db: DbOrTx, placeIds: readonly number[]): Promise<number[]> {
  if (placeIds.length === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select distinct other.place_id as id
      from partnership_parties mine
      join partnerships t on t.id = mine.partnership_id and t.is_public
      join partnership_parties other on other.partnership_id = mine.partnership_id and other.place_id <> mine.place_id
      where mine.place_id in (${sql.join(
        placeIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  );
  return rows.map((row) => Number(row.id));
}

/** Refreshes the planner's statistics after a bulk write, so searches and lists use their indexes. */
export async function analyzeRegistry(db: DbOrTx): Promise<void> {
  await db.execute(
    sql`analyze places, place_names, place_origins, partnerships, partnership_parties, partnership_sources`,
  );
}
