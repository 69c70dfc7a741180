import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { executeWrite, queryRows } from '../../db/query.ts';
import { decodeNotice, encodeNotice, type RegistryChange, type RegistryNotice } from './registry.changes.ts';
import { dataRevisions } from './registry.tables.ts';

/**
 * The registry's revision and what derives from ties: every write to places or ties bumps the revision here, and
 * keeps the partner counts right, whichever feature makes it.
 */
export const REGISTRY_REVISION = 'registry';
/** PostgreSQL channel on which registry changes are announced to every instance. */
export const REGISTRY_CHANNEL = 'citybridge_registry';

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
