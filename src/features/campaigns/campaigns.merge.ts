/**
 * What a merge of organisations asks of campaigns: the duplicate's responses go to the organisation that stays,
 * except to a campaign that one has answered already (there the duplicate's response stays as it was, and the
 * results leave it out: see `findSubmitted`); the undo puts them back.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import { idList, moveRows, queryRows, repointRows } from '../../db/query.ts';

/** Hands organisation `fromId`'s responses to `intoId`, in the campaigns `intoId` has not answered. */
export async function moveCampaignResponsesOnMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
): Promise<{ campaignResponses?: number[] }> {
  const campaignResponses = await repointRows(
    db,
    'campaign_responses',
    'organization_id',
    fromId,
    intoId,
    sql`not exists (select 1 from campaign_responses other
                    where other.campaign_id = campaign_responses.campaign_id and other.organization_id = ${intoId})`,
  );
  return campaignResponses.length > 0 ? { campaignResponses } : {};
}

/**
 * Undoes `moveCampaignResponsesOnMerge`. A response the duplicate got since the merge to one of those campaigns
 * gives way when nobody answered anything in it (a draft with pre-filled answers at most); one with answers of its
 * own stops the undo with a conflict that names the campaigns, rather than losing either.
 */
export async function restoreCampaignResponsesAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: { campaignResponses?: number[] },
): Promise<void> {
  const ids = moved.campaignResponses ?? [];
  if (ids.length === 0) return;
  const later = await queryRows<{ id: number; campaignId: number; untouched: boolean }>(
    db,
    sql`select r.id, r.campaign_id as "campaignId",
               r.status = 'draft' and not exists (select 1 from campaign_answers a
                                                  where a.response_id = r.id and a.prefilled is null) as untouched
        from campaign_responses r
        where r.organization_id = ${fromId}
          and r.campaign_id in (select campaign_id from campaign_responses where id in (${idList(ids)}))`,
  );
  const answered = later.filter((response) => !response.untouched);
  if (answered.length > 0)
    throw new AppError(
      'CONFLICT',
      `The duplicate organisation has answered campaign ${answered.map((response) => response.campaignId).join(', ')} ` +
        'since the merge: its response there would clash with the one the merge moved',
    );
  if (later.length > 0)
    await db.execute(sql`delete from campaign_responses where id in (${idList(later.map((row) => row.id))})`);
  await moveRows(db, 'campaign_responses', 'organization_id', ids, fromId);
}
