/**
 * What a merge of a duplicate place into another asks of the places: its names (as aliases), its origins and its
 * districts move to the place that stays, the duplicate is marked merged, and the undo puts all of it back.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { moveRows, queryRows, repointRows } from '../../db/query.ts';
import { findById } from '../../db/rows.ts';
import { type NAME_KINDS, places } from './places.tables.ts';

/** What moving a place's own references changed, kept so that the undo changes exactly that back. */
export interface MovedPlaceRefs {
  /** Names moved as aliases, with their former kind. */
  names: { id: number; kind: (typeof NAME_KINDS)[number] }[];
  origins: number[];
  /** Districts whose city was the duplicate. */
  children: number[];
}

/** Locks a place for a merge; undefined when there is none. */
export const lockPlaceForMerge = (db: DbOrTx, id: number) => findById(db, places, id, true);

/**
 * Moves the names of place `fromId` to `intoId` as aliases (but names it has already), its origins and its
 * districts.
 */
export async function movePlaceRefsOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<MovedPlaceRefs> {
  const names = await queryRows<MovedPlaceRefs['names'][number]>(
    db,
    sql`with moved as (
          select n.id, n.kind from place_names n where n.place_id = ${fromId}
          and not exists (select 1 from place_names m where m.place_id = ${intoId} and m.lang = n.lang and m.name = n.name)
        )
        update place_names n set place_id = ${intoId}, kind = 'alias' from moved where n.id = moved.id
        returning n.id, moved.kind`,
  );
  const origins = await repointRows(db, 'place_origins', 'place_id', fromId, intoId);
  const children = await repointRows(db, 'places', 'parent_id', fromId, intoId, sql`id <> ${intoId}`);
  return { names, origins, children };
}

/** Undoes `movePlaceRefsOnMerge`: the names (with their former kind), origins and districts go back to `fromId`. */
export async function restorePlaceRefsAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedPlaceRefs>,
): Promise<void> {
  for (const name of moved.names ?? []) {
    await db.execute(
      sql`update place_names set place_id = ${fromId}, kind = ${name.kind} where id = ${name.id}`,
    );
  }
  await moveRows(db, 'place_origins', 'place_id', moved.origins ?? [], fromId);
  await moveRows(db, 'places', 'parent_id', moved.children ?? [], fromId);
}

/** Marks place `id` as merged into `intoId`, or as no longer merged (null). */
export async function setPlaceMergedInto(db: DbOrTx, id: number, intoId: number | null): Promise<void> {
  await db
    .update(places)
    .set({ mergedIntoId: intoId, version: sql`${places.version} + 1`, updatedAt: sql`now()` })
    .where(eq(places.id, id));
}
