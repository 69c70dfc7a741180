/**
 * What a merge of organisations asks of campaigns: the duplicate's responses go to the organisation that stays,
 * except to a campaign that one has answered already (there the duplicate's response stays as it was, and the
 * results count the one that stays); the undo puts them back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { moveRows, repointRows } from '../../db/query.ts';

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

/** Undoes `moveCampaignResponsesOnMerge`. */
export async function restoreCampaignResponsesAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: { campaignResponses?: number[] },
): Promise<void> {
  await moveRows(db, 'campaign_responses', 'organization_id', moved.campaignResponses ?? [], fromId);
}
