import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/query.ts';
import type { DuplicateCandidate, DuplicatePair } from './duplicates.find.ts';
import { type DUPLICATE_STATUSES, placeDuplicates } from './merges.tables.ts';

export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

/** The live places with what the finder compares: their official names in English or of no stated language. */
export function loadDuplicateCandidates(db: DbOrTx) {
  return queryRows<DuplicateCandidate>(
    db,
    sql`
    select p.id, p.kind, p.name, p.country, p.lat, p.lng, p.wikidata_qid as "wikidataQid",
           p.geonames_id as "geonamesId", p.parent_id as "parentId", p.partner_count as "partnerCount",
           coalesce(
             (select array_agg(distinct n.name) from place_names n
              where n.place_id = p.id and n.kind = 'official' and n.lang in ('en', 'und') and n.name <> p.name),
             '{}'
           ) as names
    from places p
    where p.merged_into_id is null`,
  );
}

/** Pairs of live places that are parties to one live tie: two places that are twinned are two places. */
export async function loadTiedPairs(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`
    select distinct least(a.place_id, b.place_id) || '-' || greatest(a.place_id, b.place_id) as key
    from partnership_parties a
    join partnership_parties b on b.partnership_id = a.partnership_id and b.place_id > a.place_id
    join partnerships t on t.id = a.partnership_id and t.deleted_at is null`,
  );
  return rows.map((row) => row.key);
}

/** Every pair the finder has met, by `low-high` key, with its status. */
export async function loadDuplicateStatuses(db: DbOrTx) {
  const rows = await db
    .select({
      id: placeDuplicates.id,
      lowId: placeDuplicates.lowId,
      highId: placeDuplicates.highId,
      status: placeDuplicates.status,
    })
    .from(placeDuplicates);
  return new Map(rows.map((row) => [`${row.lowId}-${row.highId}`, row]));
}

/** Records a pair the finder found, or updates a pending one; answers its id. */
export async function upsertDuplicate(
  db: DbOrTx,
  pair: DuplicatePair,
  values: { status: DuplicateStatus; mergeId?: number | null; importRunId: number | null },
): Promise<number> {
  const [lowId, highId] = pair.fromId < pair.intoId ? [pair.fromId, pair.intoId] : [pair.intoId, pair.fromId];
  const fields = {
    suggestedIntoId: pair.intoId,
    confidence: pair.confidence,
    reasons: pair.reasons,
    distanceKm: pair.distanceKm,
    status: values.status,
    mergeId: values.mergeId ?? null,
    importRunId: values.importRunId,
    decidedAt: values.status === 'pending' ? null : new Date(),
  };
  const [row] = await db
    .insert(placeDuplicates)
    .values({ lowId, highId, ...fields })
    .onConflictDoUpdate({
      target: [placeDuplicates.lowId, placeDuplicates.highId],
      set: fields,
      where: eq(placeDuplicates.status, 'pending'),
    })
    .returning({ id: placeDuplicates.id });
  return row?.id ?? 0;
}

/** The pair, locked for a decision. */
export async function lockDuplicate(db: DbOrTx, id: number) {
  const [row] = await db.select().from(placeDuplicates).where(eq(placeDuplicates.id, id)).for('update');
  return row;
}

export async function decideDuplicate(
  db: DbOrTx,
  id: number,
  values: { status: Exclude<DuplicateStatus, 'pending'>; mergeId?: number; decidedBy: number | null },
) {
  const [row] = await db
    .update(placeDuplicates)
    .set({
      status: values.status,
      mergeId: values.mergeId ?? null,
      decidedBy: values.decidedBy,
      decidedAt: new Date(),
    })
    .where(eq(placeDuplicates.id, id))
    .returning();
  return row!;
}

/** After a merge is undone: the pair it joined is two places. */
export async function markDuplicateMergeUndone(db: DbOrTx, mergeId: number, decidedBy: number | null) {
  await db
    .update(placeDuplicates)
    .set({ status: 'distinct', decidedBy, decidedAt: new Date() })
    .where(and(eq(placeDuplicates.mergeId, mergeId), eq(placeDuplicates.status, 'merged')));
}

export interface DuplicateListRow {
  id: number;
  lowId: number;
  highId: number;
  suggestedIntoId: number;
  confidence: 'certain' | 'possible';
  reasons: string[];
  distanceKm: number | null;
  status: DuplicateStatus;
  mergeId: number | null;
  createdAt: string;
  decidedAt: string | null;
  places: {
    id: number;
    name: string;
    kind: string;
    country: string;
    lat: number | null;
    lng: number | null;
    wikidataQid: string | null;
    geonamesId: number | null;
    partnerCount: number;
    parentName: string | null;
    mergedIntoId: number | null;
    sources: string[];
  }[];
}

/**
 * The pairs of one status, newest first, each with both places. Pending pairs whose places are no longer both
 * live (one was merged some other way) are left out.
 */
export function listDuplicates(db: DbOrTx, status: DuplicateStatus, limit: number, offset: number) {
  return queryRows<DuplicateListRow & { total: number }>(
    db,
    sql`
    select d.id, d.low_id as "lowId", d.high_id as "highId", d.suggested_into_id as "suggestedIntoId",
           d.confidence, d.reasons, d.distance_km as "distanceKm", d.status, d.merge_id as "mergeId",
           to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
           to_char(d.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "decidedAt",
           count(*) over ()::int as total,
           (select json_agg(json_build_object(
              'id', p.id, 'name', p.name, 'kind', p.kind, 'country', p.country, 'lat', p.lat, 'lng', p.lng,
              'wikidataQid', p.wikidata_qid, 'geonamesId', p.geonames_id, 'partnerCount', p.partner_count,
              'parentName', parent.name, 'mergedIntoId', p.merged_into_id,
              'sources', coalesce((select json_agg(distinct s.name) from place_origins o
                                   join sources s on s.id = o.source_id where o.place_id = p.id), '[]'::json))
              order by p.id)
            from places p left join places parent on parent.id = p.parent_id
            where p.id in (d.low_id, d.high_id)) as places
    from place_duplicates d
    where d.status = ${status}
      and (${status}::text <> 'pending' or not exists (
        select 1 from places p where p.id in (d.low_id, d.high_id) and p.merged_into_id is not null))
    order by d.distance_km nulls last, d.id
    limit ${limit} offset ${offset}`,
  );
}

/** Figures for the statistics: merged pairs, pairs waiting, "not the same" decisions, ties changed by merges. */
export async function countDuplicates(db: DbOrTx) {
  const [row] = await queryRows<{
    places: number;
    merged: number;
    pending: number;
    distinct: number;
    tiesChanged: number;
  }>(
    db,
    sql`
    select
      (select count(*)::int from places where merged_into_id is null) as places,
      (select count(*)::int from merges where entity_type = 'place' and undone_at is null) as merged,
      (select count(*)::int from place_duplicates d where d.status = 'pending' and not exists (
        select 1 from places p where p.id in (d.low_id, d.high_id) and p.merged_into_id is not null)) as pending,
      (select count(*)::int from place_duplicates where status = 'distinct') as distinct,
      (select coalesce(sum(jsonb_array_length(coalesce(moved->'parties', '[]')) +
                           jsonb_array_length(coalesce(moved->'duplicateTies', '[]'))), 0)::int
       from merges where entity_type = 'place' and undone_at is null) as "tiesChanged"`,
  );
  return row!;
}
