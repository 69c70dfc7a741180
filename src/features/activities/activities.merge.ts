/**
 * What a merge of a duplicate organisation into another asks of the contact log: the duplicate's activities and
 * the links to it move to the organisation that stays, and the undo puts them back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { moveRows, queryIds, repointRows } from '../../db/query.ts';

/** What moving the activities changed, kept so that the undo changes exactly that back. */
export interface MovedActivityRefs {
  activities: number[];
  /** Links to the duplicate (an activity already linked to the organisation that stays keeps its own link). */
  activityLinks: number[];
}

/** Moves the activities logged by organisation `fromId`, and the activities' links to it, to `intoId`. */
export async function moveActivitiesOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<MovedActivityRefs> {
  const activities = await repointRows(db, 'activities', 'organization_id', fromId, intoId);
  const activityLinks = await queryIds(
    db,
    sql`update activity_links l set organization_id = ${intoId} where organization_id = ${fromId}
        and not exists (select 1 from activity_links o where o.activity_id = l.activity_id and o.organization_id = ${intoId})
        returning id`,
  );
  return { activities, activityLinks };
}

/** Undoes `moveActivitiesOnMerge`: the activities and links go back to organisation `fromId`. */
export async function restoreActivitiesAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedActivityRefs>,
): Promise<void> {
  await moveRows(db, 'activities', 'organization_id', moved.activities ?? [], fromId);
  await moveRows(db, 'activity_links', 'organization_id', moved.activityLinks ?? [], fromId);
}
