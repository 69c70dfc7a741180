/**
 * What a merge of a duplicate organisation into another asks of the people: the posts held in it and the people it
 * keeps move to the organisation that stays, and the undo puts them back.
 */
import type { DbOrTx } from '../../db/client.ts';
import { moveRows, repointRows } from '../../db/query.ts';

/** What moving the people changed, kept so that the undo changes exactly that back. */
export interface MovedPeopleRefs {
  posts: number[];
  keptPeople: number[];
}

/** Moves the posts held in organisation `fromId` and the people it keeps to `intoId`. */
export async function movePeopleOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<MovedPeopleRefs> {
  const posts = await repointRows(db, 'posts', 'organization_id', fromId, intoId);
  const keptPeople = await repointRows(db, 'people', 'keeper_id', fromId, intoId);
  return { posts, keptPeople };
}

/** Undoes `movePeopleOnMerge`: the posts and kept people go back to organisation `fromId`. */
export async function restorePeopleAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedPeopleRefs>,
): Promise<void> {
  await moveRows(db, 'posts', 'organization_id', moved.posts ?? [], fromId);
  await moveRows(db, 'people', 'keeper_id', moved.keptPeople ?? [], fromId);
}
