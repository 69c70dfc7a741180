import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { executeWrite, idList, queryRows, textArray } from '../../../db/query.ts';
import { nextVersion } from '../../../db/rows.ts';
import { importRuns, placeNames, placeOrigins, places, sources } from '../../../db/schema.ts';
import { REGISTRY_REVISION } from '../../registry/registry.service.ts';

/** Every source's id by key, without adding any. */
export async function loadSourceIds(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db.select({ id: sources.id, key: sources.key }).from(sources);
  return new Map(rows.map((row) => [row.key, row.id]));
}

/** The registry's revision, locked until the transaction ends: registry writes wait, and none can slip in. */
export async function lockRegistryRevision(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ revision: number }>(
    db,
    sql`select revision from data_revisions where name = ${REGISTRY_REVISION} for update`,
  );
  return row ? Number(row.revision) : 0;
}

/** Every tie's kind, party key and whether it is deleted. */
export async function loadTies(db: DbOrTx) {
  return queryRows<{ id: number; kind: string; partyKey: string; deleted: boolean }>(
    db,
    sql`select id, kind, party_key as "partyKey", deleted_at is not null as deleted from partnerships`,
  );
}

/** The tie records of one source. */
export async function loadSourceRecords(db: DbOrTx, sourceId: number) {
  return queryRows<{ partnershipId: number; recordKey: string }>(
    db,
    sql`select partnership_id as "partnershipId", record_key as "recordKey"
      from partnership_sources where source_id = ${sourceId} order by id`,
  );
}

/** The ties' place parties, in party order. */
export async function findTiePlaces(db: DbOrTx, tieIds: readonly number[]) {
  return queryRows<{
    partnershipId: number;
    placeId: number;
    name: string;
    country: string;
    qid: string | null;
  }>(
    db,
    sql`select pp.partnership_id as "partnershipId", p.id as "placeId", p.name, p.country, p.wikidata_qid as qid
      from partnership_parties pp join places p on p.id = pp.place_id
      where pp.partnership_id in (${idList(tieIds)}) order by pp.partnership_id, pp.id`,
  );
}

/** Every source record of the ties, with its source's key. */
export async function findTieRecords(db: DbOrTx, tieIds: readonly number[]) {
  return queryRows<{ partnershipId: number; sourceKey: string; sourceId: number; recordKey: string }>(
    db,
    sql`select ps.partnership_id as "partnershipId", s.key as "sourceKey", s.id as "sourceId",
        ps.record_key as "recordKey"
      from partnership_sources ps join sources s on s.id = ps.source_id
      where ps.partnership_id in (${idList(tieIds)}) order by ps.id`,
  );
}

/**
 * What people have done with the ties: changes in their history other than the given (an import's own), parties
 * confirmed, documents kept, and live activities, outcomes and articles that name them.
 */
export async function findTieUserWork(
  db: DbOrTx,
  tieIds: readonly number[],
  importActions: readonly string[],
) {
  if (tieIds.length === 0) return [];
  const ids = idList(tieIds);
  return queryRows<{ partnershipId: number; work: string }>(
    db,
    sql`select distinct entity_id as "partnershipId", 'history' as work from audit_events
        where entity_type = 'partnership' and entity_id in (${ids})
          and not (action = any(${textArray(importActions)}))
      union select partnership_id, 'confirmed' from partnership_parties
        where partnership_id in (${ids}) and confirmed_at is not null
      union select partnership_id, 'documents' from partnership_documents
        where partnership_id in (${ids}) and deleted_at is null
      union select l.partnership_id, 'activities' from activity_links l join activities a on a.id = l.activity_id
        where l.partnership_id in (${ids}) and a.deleted_at is null
      union select l.partnership_id, 'outcomes' from outcome_links l join outcomes o on o.id = l.outcome_id
        where l.partnership_id in (${ids}) and o.deleted_at is null
      union select l.partnership_id, 'articles' from article_links l join articles a on a.id = l.article_id
        where l.partnership_id in (${ids}) and a.deleted_at is null`,
  );
}

/** The last action in each tie's history. */
export async function findLastTieActions(db: DbOrTx, tieIds: readonly number[]) {
  if (tieIds.length === 0) return [];
  return queryRows<{ partnershipId: number; action: string }>(
    db,
    sql`select distinct on (entity_id) entity_id as "partnershipId", action from audit_events
      where entity_type = 'partnership' and entity_id in (${idList(tieIds)})
      order by entity_id, id desc`,
  );
}

/** The places one source reported, with the source's record and the place's values now. */
export async function loadOriginsWithPlaces(db: DbOrTx, sourceId: number) {
  return db
    .select({
      placeId: placeOrigins.placeId,
      externalKey: placeOrigins.externalKey,
      raw: placeOrigins.raw,
      name: places.name,
      country: places.country,
      lat: places.lat,
      lng: places.lng,
    })
    .from(placeOrigins)
    .innerJoin(places, eq(places.id, placeOrigins.placeId))
    .where(eq(placeOrigins.sourceId, sourceId))
    .orderBy(placeOrigins.placeId, placeOrigins.externalKey);
}

/** Removes a tie's records of a source; answers how many went. */
export async function deleteTieRecords(
  db: DbOrTx,
  tieId: number,
  sourceId: number,
  recordKeys: readonly string[],
): Promise<number> {
  if (recordKeys.length === 0) return 0;
  return executeWrite(
    db,
    sql`delete from partnership_sources where partnership_id = ${tieId} and source_id = ${sourceId}
      and record_key = any(${textArray(recordKeys)})`,
  );
}

/** A place's values, locked until the transaction ends. */
export async function lockPlaceValues(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ name: places.name, country: places.country, lat: places.lat, lng: places.lng })
    .from(places)
    .where(eq(places.id, id))
    .for('update');
  return row;
}

export async function updatePlaceValues(
  db: DbOrTx,
  id: number,
  values: Partial<Pick<typeof places.$inferInsert, 'name' | 'country' | 'lat' | 'lng'>>,
): Promise<void> {
  await db
    .update(places)
    .set({ ...values, ...nextVersion(places) })
    .where(eq(places.id, id));
}

/** Makes a name a place's official one in its language, adding it when the place lacks it. */
export async function setOfficialName(
  db: DbOrTx,
  name: { placeId: number; name: string; lang: string; sourceId: number },
): Promise<void> {
  await db
    .insert(placeNames)
    .values({ ...name, kind: 'official' })
    .onConflictDoUpdate({
      target: [placeNames.placeId, placeNames.lang, placeNames.name],
      set: { kind: 'official' },
    });
}

/** Makes an official name of a source's an alias: the place keeps being found by it. */
export async function demoteSourceName(
  db: DbOrTx,
  placeId: number,
  name: string,
  lang: string,
  sourceId: number,
): Promise<void> {
  await db
    .update(placeNames)
    .set({ kind: 'alias' })
    .where(
      and(
        eq(placeNames.placeId, placeId),
        eq(placeNames.name, name),
        eq(placeNames.lang, lang),
        eq(placeNames.sourceId, sourceId),
        eq(placeNames.kind, 'official'),
      ),
    );
}

/** Replaces a source's record of a place. */
export async function updateOriginRaw(
  db: DbOrTx,
  sourceId: number,
  externalKey: string,
  raw: Record<string, unknown>,
  importRunId: number,
): Promise<void> {
  await db
    .update(placeOrigins)
    .set({ raw, importRunId })
    .where(and(eq(placeOrigins.sourceId, sourceId), eq(placeOrigins.externalKey, externalKey)));
}

/** The run that applied the diff kept in this file, if one has. */
export async function findRunOfReport(db: DbOrTx, dataset: string, reportPath: string) {
  const [row] = await db
    .select({
      id: importRuns.id,
      finishedAt: importRuns.finishedAt,
      counts: importRuns.counts,
    })
    .from(importRuns)
    .where(
      and(
        eq(importRuns.dataset, dataset),
        eq(importRuns.status, 'succeeded'),
        eq(importRuns.reportPath, reportPath),
      ),
    )
    .limit(1);
  return row;
}
