/**
 * What merges ask of the organisations: when a place merges, the organisations based in it move with it; when an
 * organisation merges, its members, the records it keeps and its names move to the organisation that stays and it
 * is marked merged. The undo puts all of it back.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, moveRows, queryIds, repointRows, textArray } from '../../db/query.ts';
import { findById } from '../../db/rows.ts';
import { organizations } from './organizations.tables.ts';

/** What moving an organisation's own references changed, kept so that the undo changes exactly that back. */
export interface MovedOrganizationRefs {
  /** The users whose membership moved (a user already a member of the organisation that stays keeps theirs). */
  memberships: number[];
  keptOrganizations: number[];
  /** The duplicate's name and aliases that the organisation that stays did not have. */
  aliasesAdded: string[];
}

/** Locks an organisation for a merge; undefined when there is none. */
export const lockOrganizationForMerge = (db: DbOrTx, id: number) => findById(db, organizations, id, true);

/** Moves the organisations based in place `fromPlaceId` to `intoPlaceId`; answers their ids. */
export function moveOrganizationsOfPlaceOnMerge(
  db: DbOrTx,
  fromPlaceId: number,
  intoPlaceId: number,
): Promise<number[]> {
  return repointRows(db, 'organizations', 'place_id', fromPlaceId, intoPlaceId);
}

/** Undoes `moveOrganizationsOfPlaceOnMerge`: the organisations go back to place `fromPlaceId`. */
export function restoreOrganizationsOfPlaceAfterMerge(
  db: DbOrTx,
  fromPlaceId: number,
  ids: readonly number[],
): Promise<void> {
  return moveRows(db, 'organizations', 'place_id', ids, fromPlaceId);
}

/**
 * Moves the memberships of organisation `fromId` to `intoId`, and the organisations it keeps; its name and aliases
 * become aliases of `intoId`.
 */
export async function moveOrganizationRefsOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<MovedOrganizationRefs> {
  const memberships = await queryIds(
    db,
    sql`update memberships m set organization_id = ${intoId} where organization_id = ${fromId}
        and not exists (select 1 from memberships o where o.user_id = m.user_id and o.organization_id = ${intoId})
        returning user_id as id`,
  );
  const keptOrganizations = await repointRows(
    db,
    'organizations',
    'keeper_id',
    fromId,
    intoId,
    sql`id <> ${intoId}`,
  );
  const from = (await findById(db, organizations, fromId))!;
  const into = (await findById(db, organizations, intoId))!;
  const aliasesAdded = [...new Set([from.name, ...from.aliases])].filter(
    (name) => name !== into.name && !into.aliases.includes(name),
  );
  await db.execute(sql`update organizations set aliases = aliases || ${textArray(aliasesAdded)}, version = version + 1,
    updated_at = now() where id = ${intoId}`);
  return { memberships, keptOrganizations, aliasesAdded };
}

/**
 * Undoes `moveOrganizationRefsOnMerge`: the memberships still in `intoId` and the kept organisations go back to
 * `fromId`, and the aliases it added leave `intoId`.
 */
export async function restoreOrganizationRefsAfterMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
  moved: Partial<MovedOrganizationRefs>,
): Promise<void> {
  if (moved.memberships?.length) {
    await db.execute(sql`update memberships set organization_id = ${fromId}
      where organization_id = ${intoId} and user_id in (${idList(moved.memberships)})`);
  }
  await moveRows(db, 'organizations', 'keeper_id', moved.keptOrganizations ?? [], fromId);
  await db.execute(sql`update organizations set aliases = array(select a from unnest(aliases) with ordinality u(a, n)
      where a <> all(${textArray(moved.aliasesAdded ?? [])}) order by n),
    version = version + 1, updated_at = now() where id = ${intoId}`);
}

/** Marks organisation `id` as merged into `intoId`, or as no longer merged (null). */
export async function setOrganizationMergedInto(
  db: DbOrTx,
  id: number,
  intoId: number | null,
): Promise<void> {
  await db
    .update(organizations)
    .set({ mergedIntoId: intoId, version: sql`${organizations.version} + 1`, updatedAt: sql`now()` })
    .where(eq(organizations.id, id));
}
